import { orderCompleted, type PayloadOf } from "@shop/contracts";
import { handler } from "@shop/messaging";
import type { ExportDeps, ExportedOrder } from "../../../application/export-ports";
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

/**
 * The handler of the contracts' ORDER_DATA_EXPORT queue: each order.completed is recorded for
 * export (once per order id; the export job sends it) and acknowledged only then, so none is
 * lost. One whose record fails (the database is down) is retried, then dead-lettered by the
 * queue's delivery limit. Nothing here waits for the platform.
 */
export const exportHandlers = (deps: Pick<ExportDeps, "exports" | "clock">) => [
  handler(orderCompleted, async (message) => ({
    recorded: await recordCompletedOrder(deps, exportedOrderOf(message.payload)),
  })),
];
