import { archiveProduct as archive } from "../domain/product";
import { err, type Result } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";
import { findProduct } from "./get-product";

/** Archiving hides a product from the storefront but keeps it for orders that name it. */
export async function archiveProduct(
  deps: ProductDeps,
  id: string,
): Promise<Result<ProductWithCategory, ProductError>> {
  const current = await deps.products.findById(id);
  if (!current) return err(productNotFound(`with id ${id}`));
  const archived = archive(current, deps.clock.now());
  if (archived !== current) await deps.products.archive(id, archived.updatedAt);
  return findProduct(deps, { id });
}
