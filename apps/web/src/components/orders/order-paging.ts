import type { InfiniteData } from "@tanstack/react-query";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { OrderState } from "@shop/contracts";
import type { AppRouter } from "@/server/router";
import { isFinal } from "./order-format";

/*
 * The order lists are infinite queries: a refetch asks the loaded pages again in order, each
 * from the nextCursor of the page just fetched before it. Pages kept as separate queries, each
 * with the cursor its predecessor had when it was first loaded, lost an order whenever a new one
 * pushed page 1's last order down: page 1 no longer showed it, and page 2 still started after it.
 */

interface OrdersPage {
  orders: { id: string; state: OrderState }[];
  nextCursor: string | null;
}

/** The next page is asked with the last page's nextCursor; there is none after the last page. */
export const nextPageCursor = (last: OrdersPage) => last.nextCursor ?? undefined;

/** Every loaded page's orders, in order (a keyset cursor never repeats an order). */
export const ordersOf = <T>(data: { pages: { orders: T[] }[] } | undefined): T[] =>
  data?.pages.flatMap((p) => p.orders) ?? [];

/**
 * A list trimmed to its first page, for setQueryData: paging starts again, from the page on
 * screen, with no request (nothing while there is no list yet).
 */
export const firstPageOnly = <TPage, TParam>(data: InfiniteData<TPage, TParam> | undefined) =>
  data && { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) };

/**
 * A refetchInterval: every `ms` while an order on the first page is still in its saga, so its
 * state moves on screen; the refetch asks every loaded page again.
 */
export const whileFirstPageInSaga =
  (ms: number) =>
  (query: { state: { data?: { pages: OrdersPage[] } } }): number | false =>
    query.state.data?.pages[0]?.orders.some((o) => !isFinal(o.state)) ? ms : false;

export type ShopTRPC = TRPCOptionsProxy<AppRouter>;

/**
 * The shopper's orders, newest first, 10 a page; followed every second while one is in its saga.
 * The server page prefetches these same options, so both name the same list; each page after
 * the first is asked with the page param, the cursor nextPageCursor gave.
 */
export const myOrdersPages = (trpc: ShopTRPC) =>
  trpc.orders.mine.infiniteQueryOptions(
    { limit: 10 },
    {
      getNextPageParam: nextPageCursor,
      refetchInterval: whileFirstPageInSaga(1000),
    },
  );
