import { dayIn } from "../domain/sales";
import type { ProductDeps } from "./ports";

/**
 * Rebuilds every read model (catalog view, daily sales and returns; the popular products are
 * computed from them) from the event history: emptied and replayed in order in one transaction,
 * with the same rules as the live projector (a sale on the day it completed, a cancellation or
 * refund on the day its order was sold), so the result equals what the projector built. Also
 * what a change of SHOP_TIME_ZONE needs (sales are bucketed by day in it).
 */
export function rebuildReadModels(
  deps: Pick<ProductDeps, "readModels" | "salesWindow">,
): Promise<{ events: number }> {
  const { timeZone } = deps.salesWindow;
  return deps.readModels.rebuild(async (event, writer) => {
    switch (event.kind) {
      case "product":
        await writer.applyProduct(event.state);
        return;
      case "order-completed":
        await writer.addSales(event.order, dayIn(event.order.completedAt, timeZone));
        return;
      case "order-returned":
        await writer.addReturns(event.returned, dayIn(event.returned.soldAt, timeZone));
        return;
    }
  });
}
