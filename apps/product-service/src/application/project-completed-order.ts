import { dayIn, type CompletedOrder } from "../domain/sales";
import type { ProductDeps } from "./ports";

/**
 * The projector's answer to order.completed: the order enters the event history and its lines
 * the sales of the day it completed on (in the shop's time zone), once per order id, in one
 * transaction. Cancelled orders never publish the event, so they never count.
 */
export function projectCompletedOrder(
  deps: Pick<ProductDeps, "readModels" | "salesWindow">,
  order: CompletedOrder,
  event: unknown,
): Promise<"counted" | "duplicate"> {
  return deps.readModels.recordCompletedOrder(
    order,
    event,
    dayIn(order.completedAt, deps.salesWindow.timeZone),
  );
}
