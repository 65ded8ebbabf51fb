import { dayIn } from "../domain/sales";
import type { ProductDeps } from "./ports";

/**
 * Rebuilds every read model (catalog view, daily sales; the popular products are computed from
 * the daily sales) from the event history: emptied and replayed in order in one transaction,
 * with the same rules as the live projector, so the result equals what the projector built.
 * Also what a change of SHOP_TIME_ZONE needs (sales are bucketed by day in it).
 */
export function rebuildReadModels(
  deps: Pick<ProductDeps, "readModels" | "salesWindow">,
): Promise<{ events: number }> {
  return deps.readModels.rebuild(async (event, writer) => {
    if (event.kind === "product") await writer.applyProduct(event.state);
    else
      await writer.addSales(event.order, dayIn(event.order.completedAt, deps.salesWindow.timeZone));
  });
}
