import { fulfilmentOf, orderCancelReason, refundTotals, type SagaState } from "../../domain/saga";

/*
 * What the orders table shows of a saga's state: written with every decision, in its
 * transaction, by both stores. Which reason the order shows, and at which prices its lines
 * stand, are the domain's (orderCancelReason, orderLinesOf).
 */

export function orderColumns(s: SagaState) {
  const reason = orderCancelReason(s);
  return {
    status: s.status,
    subtotalCents: s.data.subtotalCents,
    discountCents: s.data.discountCents,
    totalCents: s.data.totalCents,
    reasonCode: reason?.code ?? null,
    reasonMessage: reason?.message ?? null,
    completedAt: s.completedAt === null ? null : new Date(s.completedAt),
    ...refundTotals(s),
    ...fulfilmentColumns(s),
  };
}

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));

function fulfilmentColumns(s: SagaState) {
  const f = fulfilmentOf(s);
  return {
    carrier: f.carrier,
    tracking: f.tracking,
    shippedAt: dateOrNull(f.shippedAt),
    deliveredAt: dateOrNull(f.deliveredAt),
  };
}
