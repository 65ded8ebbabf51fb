import { staleProduct } from "../domain/product";
import { err, ok, type Result } from "@shop/kernel";
import { productNotFound, type ProductError } from "../domain/errors";
import type { ProductDeps, ProductWithCategory } from "./ports";

/**
 * Archiving hides a product from the storefront but keeps it for orders that name it. With
 * `expectedVersion` (the copy the admin looked at), refused with STALE_PRODUCT if the product
 * changed since; archiving an archived product does nothing and answers it.
 */
export async function archiveProduct(
  deps: Pick<ProductDeps, "products" | "clock">,
  id: string,
  expectedVersion?: number,
): Promise<Result<ProductWithCategory, ProductError>> {
  const archived = await deps.products.archive(id, deps.clock.now(), expectedVersion);
  switch (archived.kind) {
    case "saved":
      return ok(archived.product);
    case "stale":
      return err(staleProduct());
    case "not-found":
      return err(productNotFound(`with id ${id}`));
    case "already-archived": {
      const current = await deps.products.findById(id);
      return current ? ok(current) : err(productNotFound(`with id ${id}`));
    }
  }
}
