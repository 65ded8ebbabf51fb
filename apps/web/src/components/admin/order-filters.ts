import { orderStates, type OrderState } from "@shop/contracts";
import { nextPageCursor, type ShopTRPC } from "../orders/order-paging";

/*
 * The admin order list's state in the URL, and the list's query: the server page prefetches the
 * same options the client list uses, so both name the same list.
 */

/** ?state=CANCELLED, as the filter reads it from the URL; anything else is every order. */
export function parseOrderState(value: string | string[] | undefined): OrderState | null {
  const v = Array.isArray(value) ? value[0] : value;
  return (orderStates as readonly string[]).includes(v ?? "") ? (v as OrderState) : null;
}

/**
 * Every order in `state` (or every order), newest first, 25 a page. Its pages are not asked
 * again to follow orders that move: live-order-states.ts patches their states in. The state is
 * in the key: each filter is a list of its own, which the list trims to its first page when
 * that filter is chosen again.
 */
export const adminOrdersPages = (trpc: ShopTRPC, state: OrderState | null) =>
  trpc.admin.orders.list.infiniteQueryOptions(
    { limit: 25, ...(state ? { state } : {}) },
    { getNextPageParam: nextPageCursor },
  );
