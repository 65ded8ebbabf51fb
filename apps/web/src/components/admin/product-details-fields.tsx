import { Field } from "../ui/field";
import { ImagePreview } from "./image-preview";
import type { ProductFields } from "./use-product-form";

/** The description with its length, and the image path with a preview of what it points at. */
export function ProductDetailsFields({
  fields: { values, errors, idOf, input },
}: {
  fields: ProductFields;
}) {
  return (
    <>
      <Field
        id={idOf("description")}
        name="description"
        label="Description"
        optional
        error={errors.description}
        hint={`${values.description.length} / 2000`}
      >
        {(c) => (
          <textarea
            {...c}
            {...input("description")}
            rows={5}
            maxLength={2000}
            className={`${c.className} resize-y`}
          />
        )}
      </Field>
      <Field
        id={idOf("image")}
        name="image"
        label="Image path"
        optional
        error={errors.image}
        hint="A path on this site, like /images/products/mug.svg"
      >
        {(c) => (
          <div className="flex items-center gap-3">
            <input
              {...c}
              {...input("image")}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="/images/products/…"
              className={`${c.className} font-mono`}
            />
            <ImagePreview src={values.image.trim()} />
          </div>
        )}
      </Field>
    </>
  );
}
