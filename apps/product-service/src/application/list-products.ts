import type { Actor } from "@shop/kernel";
import { maySeeArchived } from "../domain/product";
import { windowDays } from "../domain/sales";
import type { ProductDeps, ProductFilter, ProductListing } from "./ports";

/**
 * One page of the catalog view (the query side) as `actor` may see it: the status asked for is honoured for admins;
 * anyone else gets active products only, whatever they asked for. The "popular" sort counts
 * the same window as popularProducts (today and the days before it in the shop's time zone).
 */
export async function listProducts(
  deps: Pick<ProductDeps, "catalog" | "salesWindow" | "clock">,
  filter: ProductFilter,
  actor: Actor,
): Promise<ProductListing & { page: number; pageSize: number; pageCount: number }> {
  const visible = maySeeArchived(actor) ? filter : { ...filter, status: "active" as const };
  const salesDays = windowDays(deps.clock.now(), deps.salesWindow);
  const { items, total } = await deps.catalog.list(visible, salesDays);
  return {
    items,
    total,
    page: visible.page,
    pageSize: visible.pageSize,
    pageCount: Math.max(1, Math.ceil(total / visible.pageSize)),
  };
}
