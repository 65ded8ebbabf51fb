"use client";
import type { Category, Product } from "@shop/contracts";
import { Dialog } from "./dialog";
import { FormError } from "../ui/field";
import { Button } from "../ui/button";
import { ProductDetailsFields } from "./product-details-fields";
import { ProductNameFields } from "./product-name-fields";
import { ProductPriceFields } from "./product-price-fields";
import { ProductStockField } from "./product-stock-field";
import { useProductForm } from "./use-product-form";

interface ProductFormProps {
  /** The product to edit; without one the form creates a product. */
  product?: Product;
  categories: Category[] | undefined;
  categoriesFailed: boolean;
  onClose: () => void;
}

export function ProductForm({ product, categories, categoriesFailed, onClose }: ProductFormProps) {
  const { fields, formError, pending, onSubmit, checkPrice } = useProductForm(product, onClose);

  return (
    <Dialog
      title={product ? "Edit product" : "New product"}
      description={
        product
          ? `Changes to “${product.name}” show in the shop as soon as they are saved.`
          : "Add a product to the catalog. It goes live as soon as it is saved."
      }
      onClose={onClose}
    >
      <form
        noValidate
        onSubmit={onSubmit}
        className="flex min-h-0 flex-1 flex-col"
        aria-busy={pending}
      >
        <div data-dialog-body className="flex-1 space-y-5 overflow-y-auto px-6 py-5">
          <FormError message={formError} />
          <ProductNameFields product={product} fields={fields} />
          <ProductPriceFields
            fields={fields}
            categories={categories}
            categoriesFailed={categoriesFailed}
            onPriceBlur={checkPrice}
          />
          <ProductStockField product={product} fields={fields} />
          <ProductDetailsFields fields={fields} />
        </div>
        <div className="flex items-center justify-end gap-3 border-t border-stone-200 bg-stone-50/80 px-6 py-4">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={pending}>
            Save product
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
