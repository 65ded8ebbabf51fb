import type { Actor } from "@shop/kernel";
import { maySeeArchived } from "../domain/product";
import type { ProductDeps, ProductFilter, ProductListing } from "./ports";

/**
 * One page of the catalog view (the query side) as `actor` may see it: the status asked for is honoured for admins;
 * anyone else gets active products only, whatever they asked for.
 */
export async function listProducts(
  deps: Pick<ProductDeps, "catalog">,
  filter: ProductFilter,
  actor: Actor,
): Promise<ProductListing & { page: number; pageSize: number; pageCount: number }> {
  const visible = maySeeArchived(actor) ? filter : { ...filter, status: "active" as const };
  const { items, total } = await deps.catalog.list(visible);
  return {
    items,
    total,
    page: visible.page,
    pageSize: visible.pageSize,
    pageCount: Math.max(1, Math.ceil(total / visible.pageSize)),
  };
}
