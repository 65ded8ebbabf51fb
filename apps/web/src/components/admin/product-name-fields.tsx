import type { Product } from "@shop/contracts";
import { Field } from "../ui/field";
import { slugFromName } from "./product-form-model";
import type { ProductFields } from "./use-product-form";

/** Name and slug; a new product's empty slug is derived from the name, shown as a hint. */
export function ProductNameFields({
  product,
  fields: { values, errors, idOf, input },
}: {
  product: Product | undefined;
  fields: ProductFields;
}) {
  const derivedSlug = slugFromName(values.name);
  return (
    <>
      <Field id={idOf("name")} name="name" label="Name" error={errors.name}>
        {(c) => (
          <input
            {...c}
            {...input("name")}
            type="text"
            autoComplete="off"
            maxLength={120}
            required
          />
        )}
      </Field>
      <Field
        id={idOf("slug")}
        name="slug"
        label="Slug"
        optional
        error={errors.slug}
        hint={
          product ? (
            "The product's web address: /products/slug. Changing it breaks old links."
          ) : (
            <>
              Leave empty to derive from the name
              {derivedSlug && !values.slug.trim() && (
                <>
                  {" "}
                  — <span className="font-mono text-stone-700">{derivedSlug}</span>
                </>
              )}
            </>
          )
        }
      >
        {(c) => (
          <input
            {...c}
            {...input("slug")}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={120}
            placeholder={product ? undefined : derivedSlug || "walnut-desk-organizer"}
            className={`${c.className} font-mono`}
          />
        )}
      </Field>
    </>
  );
}
