import { dayIn, type ReturnedSale } from "../domain/sales";
import type { ProductDeps } from "./ports";

/**
 * The projector's answer to order.cancelled and order.refunded: the returned units (and their
 * gross revenue) come off the sales of the day the order was sold on (`soldAt`, order.completed's
 * completedAt, in the shop's time zone), so the day buckets stay those the sale was counted in.
 * The event enters the history with it, in one transaction, once per message id and per refund
 * id: a duplicate takes nothing off.
 */
export function projectOrderReturn(
  deps: Pick<ProductDeps, "readModels" | "salesWindow">,
  returned: ReturnedSale,
  event: unknown,
): Promise<"counted" | "duplicate"> {
  return deps.readModels.recordReturn(
    returned,
    event,
    dayIn(returned.soldAt, deps.salesWindow.timeZone),
  );
}
