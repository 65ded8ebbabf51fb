import type { OrderFilter, OrderPosition, OrderSummaryRecord, SagaStore } from "./ports";

export interface OrderPage {
  orders: OrderSummaryRecord[];
  /** The last order's position, to ask for the next (older) page with; null on the last page. */
  next: OrderPosition | null;
}

/**
 * One page of orders (listMyOrders, listOrders). One more than asked for tells whether an older
 * page exists, so the last page says so instead of leading to an empty one.
 */
export async function orderPage(store: SagaStore, filter: OrderFilter): Promise<OrderPage> {
  const rows = await store.orders({ ...filter, limit: filter.limit + 1 });
  const orders = rows.slice(0, filter.limit);
  const last = orders.at(-1);
  return {
    orders,
    next: rows.length > filter.limit && last ? { placedAt: last.placedAt, id: last.id } : null,
  };
}
