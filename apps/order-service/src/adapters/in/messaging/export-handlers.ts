import {
  orderCancelled,
  orderCompleted,
  orderRefunded,
  type MessageOf,
  type PayloadOf,
} from "@shop/contracts";
import { handler } from "@shop/messaging";
import type {
  ExportDeps,
  ExportedOrder,
  ExportedOrderEvent,
} from "../../../application/export-ports";
import { recordOrderEvent } from "../../../application/export-order-events";
import { recordCompletedOrder } from "../../../application/record-completed-order";

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

/** A cancellation or refund event as exported: its type, its id (the envelope's), its payload. */
export const exportedOrderEventOf = (
  type: ExportedOrderEvent["type"],
  message: MessageOf<typeof orderCancelled> | MessageOf<typeof orderRefunded>,
): ExportedOrderEvent => {
  const p = message.payload;
  return {
    type,
    eventId: message.messageId,
    orderId: p.orderId,
    refundId: p.refundId,
    userId: p.userId,
    lines: p.lines.map(({ productId, quantity, unitPriceCents, amountCents }) => ({
      productId,
      quantity,
      unitPriceCents,
      amountCents,
    })),
    amountCents: p.amountCents,
    soldAt: p.soldAt,
    restocked: p.restocked,
    reason: p.reason,
    requestedBy: p.requestedBy,
    requestedAt: p.requestedAt,
    completedAt: p.completedAt,
  };
};

/**
 * The handlers of the contracts' ORDER_DATA_EXPORT queue: each order.completed, order.cancelled
 * and order.refunded is recorded for export (a completed order once per order id, an order event
 * once per event id; the export job sends them) and acknowledged only then, so none is lost. One
 * whose record fails (the database is down) is retried, then dead-lettered by the queue's
 * delivery limit. Nothing here waits for the platform.
 */
export const exportHandlers = (deps: Pick<ExportDeps, "exports" | "clock">) => [
  handler(orderCompleted, async (message) => ({
    recorded: await recordCompletedOrder(deps, exportedOrderOf(message.payload)),
  })),
  handler(orderCancelled, async (message) => ({
    recorded: await recordOrderEvent(deps, exportedOrderEventOf("cancelled", message)),
  })),
  handler(orderRefunded, async (message) => ({
    recorded: await recordOrderEvent(deps, exportedOrderEventOf("refunded", message)),
  })),
];
