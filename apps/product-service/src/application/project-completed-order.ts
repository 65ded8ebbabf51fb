import { dayIn, type CompletedOrder } from "../domain/sales";
import type { ProductDeps } from "./ports";

/**
 * The projector's answer to order.completed: the order enters the event history and its lines
 * the sales of the day it completed on (in the shop's time zone), once per order id, in one
 * transaction. Orders cancelled during checkout never publish the event, so they never count; a
 * completed order cancelled or refunded later comes off with its own event (project-order-return).
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
