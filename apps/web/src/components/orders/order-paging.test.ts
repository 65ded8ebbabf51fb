import {
  dehydrate,
  environmentManager,
  hydrate,
  InfiniteQueryObserver,
  QueryClient,
} from "@tanstack/react-query";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  decodeOrderCursor,
  encodeOrderCursor,
  listMyOrdersInput,
  listOrdersInput,
  orderPageSchema,
  type OrderState,
  type OrderSummary,
} from "@shop/contracts";
import type { AppRouter } from "@/server/router";
import { adminOrdersPages } from "../admin/order-filters";
import {
  firstPageOnly,
  myOrdersPages,
  nextPageCursor,
  ordersOf,
  whileFirstPageInSaga,
  type ShopTRPC,
} from "./order-paging";

const cursorOf = (o: OrderSummary) =>
  encodeOrderCursor({ placedAt: new Date(o.placedAt), id: o.id });
const olderThan = (o: OrderSummary, at: { placedAt: Date; id: string }) =>
  o.placedAt < at.placedAt.toISOString() ||
  (o.placedAt === at.placedAt.toISOString() && o.id < at.id);

/**
 * orders.mine and admin.orders.list over orders kept in memory, paged by keyset as the order
 * service pages them. Inputs and answers go through the contract, so the fake takes only what
 * the BFF takes; `asked` holds every input as the contract read it.
 */
function fakeShop() {
  const orders: OrderSummary[] = [];
  const asked: unknown[] = [];
  const place = (state: OrderState) => {
    const n = orders.length + 1;
    orders.unshift({
      id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
      state,
      subtotalCents: 1_000,
      discountCents: 0,
      totalCents: 1_000,
      itemCount: 1,
      placedAt: new Date(Date.UTC(2026, 11, 1, 12, 0, n)).toISOString(),
      cancelReason: null,
      cancelMessage: null,
    });
  };
  const answer = (path: string, raw: unknown) => {
    const input =
      path === "orders.mine" ? listMyOrdersInput.parse(raw) : listOrdersInput.parse(raw);
    asked.push(input);
    const after = input.cursor ? decodeOrderCursor(input.cursor) : null;
    const rest = orders.filter(
      (o) => (!("state" in input) || o.state === input.state) && (!after || olderThan(o, after)),
    );
    const page = rest.slice(0, input.limit);
    const last = page.at(-1);
    return orderPageSchema.parse({
      orders: page,
      nextCursor: rest.length > input.limit && last ? cursorOf(last) : null,
    });
  };
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        try {
          observer.next({ result: { type: "data", data: answer(op.path, op.input) } });
          observer.complete();
        } catch (cause) {
          observer.error(TRPCClientError.from(cause as Error));
        }
      });
  return { orders, asked, place, link, ids: () => orders.map((o) => o.id) };
}
type FakeShop = ReturnType<typeof fakeShop>;

/** The browser's clients (as in trpc/client.tsx), or the server page's, over the fake shop. */
function clientsOf(shop: FakeShop) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 10_000, retry: false } },
  });
  const trpc: ShopTRPC = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [shop.link] }),
    queryClient,
  });
  return { queryClient, trpc };
}

const lists = [
  {
    name: "the shopper's orders",
    pageSize: 10,
    every: 1_000,
    pages: myOrdersPages,
  },
  {
    name: "the admin's orders",
    pageSize: 25,
    every: 2_000,
    pages: (trpc: ShopTRPC) => adminOrdersPages(trpc, null),
  },
];

// The lists run in a browser: TanStack schedules refetchInterval only where there is a window.
const inNode = environmentManager.isServer();
beforeEach(() => {
  vi.useFakeTimers();
  environmentManager.setIsServer(() => false);
});
afterEach(() => {
  environmentManager.setIsServer(() => inNode);
  vi.useRealTimers();
});

describe.each(lists)("$name", ({ pageSize, every, pages }) => {
  it("keeps every order on screen when a new one pushes page 1's last order onto page 2", async () => {
    const shop = fakeShop();
    for (let i = 0; i < pageSize + 3; i++) shop.place("COMPLETED");
    shop.place("PENDING");
    const { queryClient, trpc } = clientsOf(shop);
    const list = new InfiniteQueryObserver(queryClient, pages(trpc));
    const stop = list.subscribe(() => {});
    await vi.waitFor(() => expect(list.getCurrentResult().isSuccess).toBe(true));
    await list.fetchNextPage();
    expect(ordersOf(list.getCurrentResult().data).map((o) => o.id)).toEqual(shop.ids());

    // A new order arrives; page 1 is in its saga, so the list is asked again.
    shop.place("PENDING");
    shop.asked.length = 0;
    await vi.advanceTimersByTimeAsync(every);

    // Page 2 starts after the new page 1's last order, not the one page 1 ended with before.
    expect(shop.asked).toEqual([
      { limit: pageSize },
      { limit: pageSize, cursor: cursorOf(shop.orders[pageSize - 1]!) },
    ]);
    expect(ordersOf(list.getCurrentResult().data).map((o) => o.id)).toEqual(shop.ids());
    stop();
  });

  it("starts from the page the server prefetched, and asks page 1 again without a cursor", async () => {
    const shop = fakeShop();
    for (let i = 0; i < pageSize + 1; i++) shop.place("COMPLETED");
    shop.place("PAID");
    const server = clientsOf(shop);
    // As the server page does (app/(account)/orders/page.tsx, app/admin/orders/page.tsx).
    await server.queryClient.prefetchInfiniteQuery(pages(server.trpc));
    const { queryClient, trpc } = clientsOf(shop);
    hydrate(queryClient, dehydrate(server.queryClient));
    shop.asked.length = 0;

    const list = new InfiniteQueryObserver(queryClient, pages(trpc));
    const stop = list.subscribe(() => {});
    expect(ordersOf(list.getCurrentResult().data)).toEqual(shop.orders.slice(0, pageSize));
    expect(shop.asked).toEqual([]);

    await vi.advanceTimersByTimeAsync(every);
    expect(list.getCurrentResult().isError).toBe(false);
    expect(shop.asked).toEqual([{ limit: pageSize }]);
    await list.fetchNextPage();
    expect(shop.asked.at(-1)).toEqual({
      limit: pageSize,
      cursor: cursorOf(shop.orders[pageSize - 1]!),
    });
    expect(ordersOf(list.getCurrentResult().data).map((o) => o.id)).toEqual(shop.ids());
    stop();
  });
});

describe("the admin's state filter", () => {
  it("is in the list's key, so a new filter starts from its own first page", async () => {
    const shop = fakeShop();
    shop.place("CANCELLED");
    const { queryClient, trpc } = clientsOf(shop);
    const cancelled = adminOrdersPages(trpc, "CANCELLED");
    expect(cancelled.queryKey).not.toEqual(adminOrdersPages(trpc, null).queryKey);
    await queryClient.fetchInfiniteQuery(cancelled);
    expect(shop.asked).toEqual([{ state: "CANCELLED", limit: 25 }]);
  });

  it("chosen again, starts from the first page it still has, with no request", async () => {
    const shop = fakeShop();
    for (let i = 0; i < 30; i++) shop.place("CANCELLED");
    const { queryClient, trpc } = clientsOf(shop);
    const cancelled = adminOrdersPages(trpc, "CANCELLED");
    await queryClient.fetchInfiniteQuery({ ...cancelled, pages: 2 });
    shop.asked.length = 0;

    queryClient.setQueryData(cancelled.queryKey, firstPageOnly);
    const list = new InfiniteQueryObserver(queryClient, cancelled);
    const stop = list.subscribe(() => {});
    expect(ordersOf(list.getCurrentResult().data)).toEqual(shop.orders.slice(0, 25));
    expect(list.getCurrentResult().hasNextPage).toBe(true);
    expect(shop.asked).toEqual([]);
    stop();
  });
});

describe("the paging helpers", () => {
  const page = (...states: OrderState[]) => ({
    orders: states.map((state, i) => ({ id: String(i), state })),
    nextCursor: null,
  });

  it("end after the page whose nextCursor is null", () => {
    expect(nextPageCursor({ orders: [], nextCursor: "abc" })).toBe("abc");
    expect(nextPageCursor({ orders: [], nextCursor: null })).toBeUndefined();
  });

  it("refetch while an order on the first page is in its saga, and only then", () => {
    const every = whileFirstPageInSaga(1_000);
    expect(every({ state: { data: undefined } })).toBe(false);
    expect(every({ state: { data: { pages: [page("COMPLETED", "PAID")] } } })).toBe(1_000);
    expect(
      every({ state: { data: { pages: [page("COMPLETED", "CANCELLED"), page("PENDING")] } } }),
    ).toBe(false);
  });

  it("trim a list to its first page, and leave no list as none", () => {
    const two = { pages: [page("PAID"), page("COMPLETED")], pageParams: [undefined, "abc"] };
    expect(firstPageOnly(two)).toEqual({ pages: [page("PAID")], pageParams: [undefined] });
    expect(firstPageOnly(undefined)).toBeUndefined();
  });

  it("show every loaded page's orders in order", () => {
    expect(ordersOf(undefined)).toEqual([]);
    expect(ordersOf({ pages: [page("PAID"), page("COMPLETED")] }).map((o) => o.state)).toEqual([
      "PAID",
      "COMPLETED",
    ]);
  });
});
