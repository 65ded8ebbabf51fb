import { orderCompleted, type PayloadOf } from "@shop/contracts";
import {
  consumeMessages,
  handler,
  queue,
  type Log,
  type QueueDefinition,
  type Subscription,
  type Transport,
} from "@shop/messaging";
import type { ExportDeps, ExportedOrder } from "../../../application/export-ports";
import { recordCompletedOrder } from "../../../application/record-completed-order";

/**
 * The queue of completed orders to export (durable, quorum, with a delivery limit and its own
 * dead-letter queue), apart from the saga's replies: exporting never holds up a checkout.
 * Several instances consume it as competing consumers; the export store's key keeps them apart.
 */
export const DATA_EXPORT_QUEUE = queue("order-service.data-export", {
  bindings: [orderCompleted],
});

export const exportedOrderOf = (p: PayloadOf<typeof orderCompleted>): ExportedOrder => ({
  orderId: p.orderId,
  userId: p.userId,
  lines: p.lines.map(({ productId, quantity, unitPriceCents }) => ({
    productId,
    quantity,
    unitPriceCents,
  })),
  subtotalCents: p.subtotalCents,
  discountCents: p.discountCents,
  totalCents: p.totalCents,
  couponId: p.couponId,
  placedAt: p.placedAt,
  completedAt: p.completedAt,
});

/**
 * Consumes order.completed until the subscription closes: each event is recorded for export
 * (once per order id; the export job sends it) and acknowledged only then, so none is lost. An
 * event that is not a valid order.completed is dead-lettered at once with the reason; one whose
 * record fails (the database is down) is retried after a growing delay, then dead-lettered by
 * the queue's delivery limit. Nothing here waits for the platform. `queue` is DATA_EXPORT_QUEUE;
 * tests pass one of their own with the same bindings.
 */
export function consumeCompletedOrders(
  transport: Transport,
  deps: Pick<ExportDeps, "exports" | "clock">,
  log: Log,
  options: {
    prefetch: number;
    queue?: QueueDefinition;
    retryDelayMs?: (deliveryCount: number) => number;
  },
): Promise<Subscription> {
  const completed = options.queue ?? DATA_EXPORT_QUEUE;
  return consumeMessages(
    transport,
    completed,
    [
      handler(orderCompleted, async (message) => {
        const recorded = await recordCompletedOrder(deps, exportedOrderOf(message.payload));
        log.debug(
          { orderId: message.payload.orderId, messageId: message.messageId, recorded },
          recorded ? "completed order recorded for export" : "completed order already recorded",
        );
      }),
    ],
    { log, prefetch: options.prefetch, retryDelayMs: options.retryDelayMs },
  );
}
