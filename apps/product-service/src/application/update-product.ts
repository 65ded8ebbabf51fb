import { changeProduct, type ProductChanges } from "../domain/product";
import { err, type Result } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";
import { findProduct } from "./get-product";

export async function updateProduct(
  deps: ProductDeps,
  id: string,
  changes: ProductChanges,
): Promise<Result<ProductWithCategory, ProductError>> {
  const current = await deps.products.findById(id);
  if (!current) return err(productNotFound(`with id ${id}`));
  const changed = changeProduct(current, changes, deps.clock.now());
  if (!changed.ok) return changed;
  if (
    changes.categorySlug !== undefined &&
    changes.categorySlug !== current.categorySlug &&
    !(await deps.categories.exists(changes.categorySlug))
  )
    return err({ code: "UNKNOWN_CATEGORY", categorySlug: changes.categorySlug });
  const saved = await deps.products.update(changed.value);
  if (saved === "slug-taken") return err({ code: "SLUG_TAKEN", slug: changed.value.slug });
  if (saved === "archived")
    return err({ code: "PRODUCT_ARCHIVED", message: "The product was archived meanwhile" });
  return findProduct(deps, { id });
}
