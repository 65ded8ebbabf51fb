import type { SagaState } from "../../domain/saga";
import type { OrderRecord } from "../../application/ports";

/*
 * What the orders and order_lines tables show of a saga's state: written with every decision,
 * in its transaction, by both stores.
 */

export function orderColumns(s: SagaState) {
  // The reason is the order's once it is CANCELLED (a CHECK holds the two together); while
  // COMPENSATING it is the saga's only.
  const reason = s.status === "CANCELLED" ? s.reason : null;
  return {
    status: s.status,
    subtotalCents: s.data.subtotalCents,
    discountCents: s.data.discountCents,
    totalCents: s.data.totalCents,
    reasonCode: reason?.code ?? null,
    reasonMessage: reason?.message ?? null,
    completedAt: s.completedAt === null ? null : new Date(s.completedAt),
  };
}

/** The lines as requested, with the prices and names stock.reserved reserved them at. */
export function orderLinesOf(s: SagaState): OrderRecord["lines"] {
  return s.data.requestedLines.map((l) => {
    const reserved = s.data.reservedLines?.find((r) => r.productId === l.productId);
    return {
      productId: l.productId,
      quantity: l.quantity,
      unitPriceCents: reserved?.unitPriceCents ?? null,
      name: reserved?.name ?? l.name ?? null,
    };
  });
}
