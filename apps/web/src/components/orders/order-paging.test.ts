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
  orderStatesInput,
  orderStatesSchema,
  type OrderState,
  type OrderSummary,
} from "@shop/contracts";
import type { AppRouter } from "@/server/router";
import { followMovingOrders, LIVE_STATES_MS } from "../admin/live-order-states";
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
 * orders.mine, admin.orders.list and admin.orders.states over orders kept in memory, paged by
 * keyset as the order service pages them. Inputs and answers go through the contract, so the
 * fake takes only what the BFF takes; `asked` holds every input as the contract read it, and
 * `paths` the procedure each was asked of.
 */
function fakeShop() {
  const orders: OrderSummary[] = [];
  const asked: unknown[] = [];
  const paths: string[] = [];
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
      refundedCents: 0,
    });
  };
  const move = (id: string, state: OrderState) => {
    const o = orders.find((x) => x.id === id);
    if (o) o.state = state;
  };
  const answer = (path: string, raw: unknown) => {
    paths.push(path);
    if (path === "admin.orders.states") {
      const { orderIds } = orderStatesInput.parse(raw);
      asked.push({ orderIds });
      return orderStatesSchema.parse(
        orders
          .filter((o) => orderIds.includes(o.id))
          .map((o) => ({ id: o.id, state: o.state, updatedAt: o.placedAt })),
      );
    }
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
  return { orders, asked, paths, place, move, link, ids: () => orders.map((o) => o.id) };
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

/** The shopper's list follows a saga by asking its pages again (the admin's: below). */
const lists = [
  {
    name: "the shopper's orders",
    pageSize: 10,
    every: 1_000,
    pages: myOrdersPages,
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

describe("the admin's live list", () => {
  it("follows the orders still moving with one small states request, and never asks a page again", async () => {
    const shop = fakeShop();
    for (let i = 0; i < 40; i++) shop.place(i % 10 === 0 ? "PENDING" : "COMPLETED");
    const { queryClient, trpc } = clientsOf(shop);
    const pages = adminOrdersPages(trpc, null);
    const list = new InfiniteQueryObserver(queryClient, pages);
    const stopList = list.subscribe(() => {});
    await vi.waitFor(() => expect(list.getCurrentResult().isSuccess).toBe(true));
    await list.fetchNextPage();
    expect(ordersOf(list.getCurrentResult().data)).toHaveLength(40);
    const moving = shop.orders.filter((o) => o.state === "PENDING").map((o) => o.id);
    expect(moving).toHaveLength(4);

    shop.paths.length = 0;
    shop.asked.length = 0;
    const stop = followMovingOrders(queryClient, trpc, null);
    await vi.advanceTimersByTimeAsync(0);
    // One request, for the moving orders only, from both loaded pages.
    expect(shop.paths).toEqual(["admin.orders.states"]);
    expect(shop.asked).toEqual([{ orderIds: moving }]);

    // Two of them move on: their rows change in the cached list, without a page being asked.
    shop.move(moving[0]!, "COMPLETED");
    shop.move(moving[3]!, "CANCELLED");
    await vi.advanceTimersByTimeAsync(LIVE_STATES_MS);
    const rows = new Map(ordersOf(list.getCurrentResult().data).map((o) => [o.id, o.state]));
    expect(rows.get(moving[0]!)).toBe("COMPLETED");
    expect(rows.get(moving[3]!)).toBe("CANCELLED");
    expect(shop.asked.at(-1)).toEqual({ orderIds: [moving[1], moving[2]] });

    // The rest settle: once none moves, nothing more is asked at all.
    shop.move(moving[1]!, "COMPLETED");
    shop.move(moving[2]!, "COMPLETED");
    await vi.advanceTimersByTimeAsync(LIVE_STATES_MS * 2);
    const settledAt = shop.paths.length;
    await vi.advanceTimersByTimeAsync(LIVE_STATES_MS * 10);
    expect(shop.paths.length).toBe(settledAt);
    expect(ordersOf(list.getCurrentResult().data).every((o) => o.state !== "PENDING")).toBe(true);

    // Red if the list (any page of it) was asked again to follow the orders.
    expect(shop.paths.filter((p) => p !== "admin.orders.states")).toEqual([]);
    expect(list.getCurrentResult().data?.pages).toHaveLength(2);
    stop();
    stopList();
  });

  it("asks nothing while no shown order moves, and starts from the server's page", async () => {
    const shop = fakeShop();
    for (let i = 0; i < 30; i++) shop.place("COMPLETED");
    const server = clientsOf(shop);
    await server.queryClient.prefetchInfiniteQuery(adminOrdersPages(server.trpc, null));
    const { queryClient, trpc } = clientsOf(shop);
    hydrate(queryClient, dehydrate(server.queryClient));
    shop.paths.length = 0;
    const list = new InfiniteQueryObserver(queryClient, adminOrdersPages(trpc, null));
    const stopList = list.subscribe(() => {});
    const stop = followMovingOrders(queryClient, trpc, null);
    await vi.advanceTimersByTimeAsync(LIVE_STATES_MS * 5);
    expect(shop.paths).toEqual([]);
    expect(ordersOf(list.getCurrentResult().data)).toEqual(shop.orders.slice(0, 25));
    stop();
    stopList();
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
