import type { Product } from "@shop/contracts";
import { Field } from "../ui/field";
import type { ProductFields } from "./use-product-form";

/**
 * A new product's stock on hand. An existing product's stock moves only through "Adjust stock"
 * in the table (a stock move, not an edit), so the form just says how many there are.
 */
export function ProductStockField({
  product,
  fields: { errors, idOf, input },
}: {
  product: Product | undefined;
  fields: ProductFields;
}) {
  if (product)
    return (
      <p className="rounded-lg bg-stone-50 px-3 py-2.5 text-sm text-stone-600 ring-1 ring-stone-200">
        <span className="font-medium text-stone-800">{product.stock} in stock.</span> Use “Adjust
        stock” in the table to change it.
      </p>
    );
  return (
    <Field
      id={idOf("stock")}
      name="stock"
      label="Stock"
      error={errors.stock}
      hint="Units on hand now"
      className="sm:w-1/2 sm:pr-2.5"
    >
      {(c) => (
        <input
          {...c}
          {...input("stock")}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          className={`${c.className} tabular-nums`}
        />
      )}
    </Field>
  );
}
