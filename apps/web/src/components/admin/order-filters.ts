import { orderStates, type OrderState } from "@shop/contracts";
import { nextPageCursor, whileFirstPageInSaga, type ShopTRPC } from "../orders/order-paging";

/*
 * The admin order list's state in the URL and its query input: read by the server page (for
 * the prefetch) and by the client list, so both ask with the same key; and the list's query.
 */

export const ADMIN_ORDERS_PAGE = 25;

/**
 * admin.orders.list's input: a state (or every order), without a cursor. Each later page's
 * cursor is the infinite query's page param (see ../orders/order-paging.ts).
 */
export const adminOrdersInput = (state: OrderState | null) => ({
  limit: ADMIN_ORDERS_PAGE,
  ...(state ? { state } : {}),
});

/** ?state=CANCELLED, as the filter reads it from the URL; anything else is every order. */
export function parseOrderState(value: string | string[] | undefined): OrderState | null {
  const v = Array.isArray(value) ? value[0] : value;
  return (orderStates as readonly string[]).includes(v ?? "") ? (v as OrderState) : null;
}

/**
 * Every order in `state` (or every order), newest first, 25 a page; followed every 2 seconds
 * while one on the first page is in its saga. The state is in the key: each filter is a list of
 * its own, which the list trims to its first page when that filter is chosen again.
 */
export const adminOrdersPages = (trpc: ShopTRPC, state: OrderState | null) =>
  trpc.admin.orders.list.infiniteQueryOptions(adminOrdersInput(state), {
    getNextPageParam: nextPageCursor,
    refetchInterval: whileFirstPageInSaga(2000),
  });
