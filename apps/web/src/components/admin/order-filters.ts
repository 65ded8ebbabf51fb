import { orderStates, type OrderState } from "@shop/contracts";

/*
 * The admin order list's state in the URL and its query input: read by the server page (for
 * the prefetch) and by the client list, so both ask with the same key.
 */

export const ADMIN_ORDERS_PAGE = 25;

/**
 * admin.orders.list's input: a state (or every order), from `cursor` (the previous page's
 * nextCursor) or the newest.
 */
export const adminOrdersInput = (state: OrderState | null, cursor?: string) => ({
  limit: ADMIN_ORDERS_PAGE,
  ...(state ? { state } : {}),
  ...(cursor ? { cursor } : {}),
});

/** ?state=CANCELLED, as the filter reads it from the URL; anything else is every order. */
export function parseOrderState(value: string | string[] | undefined): OrderState | null {
  const v = Array.isArray(value) ? value[0] : value;
  return (orderStates as readonly string[]).includes(v ?? "") ? (v as OrderState) : null;
}
