import { windowDays, type Day } from "../domain/sales";
import type { Actor } from "@shop/kernel";
import type { ProductDeps } from "./ports";
import { popularProducts, type PopularProducts } from "./popular-products";

export interface SalesAnalytics extends PopularProducts {
  /** Every day of the window, oldest first, with the net units of each top product (0 if none). */
  series: { day: Day; units: Record<string, number> }[];
}

/**
 * For the admin's analytics: the top products over the window and their units day by day, all
 * net of cancellations and refunds. Revenue is gross (quantity x the unit price sold at, before
 * any coupon): a return takes off quantity x that same unit price, so units and revenue stay
 * consistent with each other and with the daily bars; each item also carries what was returned
 * (returnedUnits, returnedRevenueCents) of the window's sales.
 */
export async function salesAnalytics(
  deps: Pick<ProductDeps, "sales" | "salesWindow" | "clock">,
  actor: Actor,
): Promise<SalesAnalytics> {
  const popular = await popularProducts(deps, actor);
  const days = windowDays(deps.clock.now(), deps.salesWindow);
  const ids = popular.items.map((i) => i.product.id);
  const daily = ids.length ? await deps.sales.daily(days, ids) : [];
  const series = days.map((day) => ({
    day,
    units: Object.fromEntries(ids.map((id) => [id, 0])) as Record<string, number>,
  }));
  const byDay = new Map(series.map((s) => [s.day, s]));
  for (const d of daily) {
    const entry = byDay.get(d.day);
    if (entry) entry.units[d.productId] = d.units;
  }
  return { ...popular, series };
}
