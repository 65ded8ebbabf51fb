import { changeProduct, staleProduct, type ProductChanges } from "../domain/product";
import { err, ok, type Result } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";

/**
 * An admin's edit, made from the copy of version `expectedVersion` their form was loaded with.
 * The store saves it only if the product is still at that version (checked in the same SQL
 * statement), so two admins can no longer overwrite each other: the later save is refused with
 * STALE_PRODUCT. The read below only validates the change and gives an early answer.
 */
export async function updateProduct(
  deps: Pick<ProductDeps, "products" | "categories" | "clock">,
  id: string,
  changes: ProductChanges,
  expectedVersion: number,
): Promise<Result<ProductWithCategory, ProductError>> {
  const current = await deps.products.findById(id);
  if (!current) return err(productNotFound(`with id ${id}`));
  const changed = changeProduct(current, changes, deps.clock.now());
  if (!changed.ok) return changed;
  if (current.version !== expectedVersion) return err(staleProduct());
  if (
    changes.categorySlug !== undefined &&
    changes.categorySlug !== current.categorySlug &&
    !(await deps.categories.exists(changes.categorySlug))
  )
    return err({ code: "UNKNOWN_CATEGORY", categorySlug: changes.categorySlug });
  const saved = await deps.products.update(changed.value, expectedVersion);
  switch (saved.kind) {
    case "saved":
      return ok(saved.product);
    case "slug-taken":
      return err({ code: "SLUG_TAKEN", slug: changed.value.slug });
    case "archived":
      return err({ code: "PRODUCT_ARCHIVED", message: "The product was archived meanwhile" });
    case "stale":
      return err(staleProduct());
  }
}
