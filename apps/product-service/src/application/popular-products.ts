import { maySeeArchived } from "../domain/product";
import { POPULAR_LIMIT, windowDays, type Day } from "../domain/sales";
import type { Actor } from "@shop/kernel";
import type { ProductDeps, ProductSales } from "./ports";

export interface PopularProducts {
  window: { days: number; timeZone: string; from: Day; to: Day };
  items: (ProductSales & { rank: number })[];
}

/**
 * The top products by units sold over the window (the last `salesWindow.days` calendar days in
 * its time zone, today included), from the daily sales read model. Shoppers see active
 * products only; an admin also sees archived ones.
 */
export async function popularProducts(
  deps: Pick<ProductDeps, "sales" | "salesWindow" | "clock">,
  actor: Actor,
  limit: number = POPULAR_LIMIT,
): Promise<PopularProducts> {
  const days = windowDays(deps.clock.now(), deps.salesWindow);
  const top = await deps.sales.top(days, limit, maySeeArchived(actor));
  return {
    window: {
      days: deps.salesWindow.days,
      timeZone: deps.salesWindow.timeZone,
      from: days[0]!,
      to: days[days.length - 1]!,
    },
    items: top.map((s, i) => ({ ...s, rank: i + 1 })),
  };
}
