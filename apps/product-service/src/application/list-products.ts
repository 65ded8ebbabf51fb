import type { Actor } from "@shop/kernel";
import { maySeeArchived } from "../domain/product";
import { windowDays } from "../domain/sales";
import { countLimitOf } from "../domain/listing";
import type { ProductDeps, ProductFilter, ProductListing } from "./ports";

/**
 * One page of the catalog view (the query side) as `actor` may see it: the status asked for is honoured for admins;
 * anyone else gets active products only, whatever they asked for. The "popular" sort counts
 * the same window as popularProducts (today and the days before it in the shop's time zone).
 * Matches are counted only as far as the last page a listing can show (MAX_LISTING_PAGE):
 * past that, `total` is that far and `totalCapped` says there are more.
 */
export async function listProducts(
  deps: Pick<ProductDeps, "catalog" | "salesWindow" | "clock">,
  filter: ProductFilter,
  actor: Actor,
): Promise<
  ProductListing & { totalCapped: boolean; page: number; pageSize: number; pageCount: number }
> {
  const visible = maySeeArchived(actor) ? filter : { ...filter, status: "active" as const };
  const salesDays = windowDays(deps.clock.now(), deps.salesWindow);
  const { items, total: counted } = await deps.catalog.list(visible, salesDays);
  const totalCapped = counted >= countLimitOf(visible);
  const total = totalCapped ? countLimitOf(visible) - 1 : counted;
  return {
    items,
    total,
    totalCapped,
    page: visible.page,
    pageSize: visible.pageSize,
    pageCount: Math.max(1, Math.ceil(total / visible.pageSize)),
  };
}
