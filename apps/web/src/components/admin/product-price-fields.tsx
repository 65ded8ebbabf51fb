import type { Category } from "@shop/contracts";
import { Field } from "../ui/field";
import type { ProductFields } from "./use-product-form";

interface ProductPriceFieldsProps {
  fields: ProductFields;
  categories: Category[] | undefined;
  categoriesFailed: boolean;
  /** Checks the price as typed when the field is left. */
  onPriceBlur: () => void;
}

/** Where the product is listed and what it costs, side by side. */
export function ProductPriceFields({
  fields: { errors, idOf, input },
  categories,
  categoriesFailed,
  onPriceBlur,
}: ProductPriceFieldsProps) {
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field
        id={idOf("category")}
        name="category"
        label="Category"
        error={errors.category}
        hint={
          categoriesFailed
            ? "Categories could not be loaded. Close the form and try again."
            : undefined
        }
      >
        {(c) => (
          <select {...c} {...input("category")} required disabled={!categories}>
            <option value="" disabled>
              {categories ? "Choose a category…" : categoriesFailed ? "Unavailable" : "Loading…"}
            </option>
            {categories?.map((cat) => (
              <option key={cat.slug} value={cat.slug}>
                {cat.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={idOf("price")}
        name="price"
        label="Price (USD)"
        error={errors.price}
        hint="In dollars, like 12.99"
      >
        {(c) => (
          <div className="relative">
            <span
              aria-hidden
              className="pointer-events-none absolute inset-y-0 left-3 grid place-items-center text-sm text-stone-400"
            >
              $
            </span>
            <input
              {...c}
              {...input("price")}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.00"
              required
              onBlur={onPriceBlur}
              className={`${c.className} pl-7 tabular-nums`}
            />
          </div>
        )}
      </Field>
    </div>
  );
}
