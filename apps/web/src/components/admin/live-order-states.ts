import { hashKey, QueryObserver, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { OrderPage, OrderState } from "@shop/contracts";
import { MOVING_STATES } from "../orders/order-format";
import type { ShopTRPC } from "../orders/order-paging";
import { adminOrdersPages } from "./order-filters";

/*
 * The admin order list, live: while orders it shows are still moving (a saga runs: checkout,
 * its undoing, a cancellation), it asks admin.orders.states for those orders only, in one small
 * request every 2 seconds, and patches their rows in the cached list. The pages themselves are
 * never asked again for it: with several pages loaded, that was every page every 2 seconds.
 * When none of the shown orders moves, it asks nothing.
 *
 * What a patch carries is the state (and when it changed): a row that settles shows its new
 * state at once; its other figures (a total priced at reservation, a cancel reason) are the
 * ones it was loaded with until the list is read again (opening the filter, a reload).
 */

export const LIVE_STATES_MS = 2_000;

type OrderList = InfiniteData<OrderPage, unknown>;

/**
 * The shown orders that still move on their own. A summary does not say whether a refund of a
 * settled order is pending (that shows on the order's own page, which follows it).
 */
export const movingIds = (list: OrderList | undefined): string[] =>
  list?.pages.flatMap((p) => p.orders.filter((o) => MOVING_STATES.has(o.state)).map((o) => o.id)) ??
  [];

/** The list with these orders' states put in; the same list when none changed. */
export function patchStates(
  list: OrderList | undefined,
  states: readonly { id: string; state: string }[],
): OrderList | undefined {
  if (!list) return list;
  const next = new Map(states.map((s) => [s.id, s.state as OrderState]));
  let changed = false;
  const pages = list.pages.map((page) => {
    if (!page.orders.some((o) => next.has(o.id) && next.get(o.id) !== o.state)) return page;
    changed = true;
    return {
      ...page,
      orders: page.orders.map((o) => {
        const state = next.get(o.id);
        return state && state !== o.state ? { ...o, state } : o;
      }),
    };
  });
  return changed ? { ...list, pages } : list;
}

/** The states query for these orders: asked every 2 seconds while there are any. */
export const orderStatesOptions = (trpc: ShopTRPC, orderIds: string[], everyMs = LIVE_STATES_MS) =>
  trpc.admin.orders.states.queryOptions(
    { orderIds },
    { enabled: orderIds.length > 0, refetchInterval: everyMs, staleTime: 0, gcTime: 0 },
  );

/**
 * Follows the moving orders of the list in `state` (its query in `queryClient`) until stopped:
 * the set of ids is taken again whenever the list changes (a page loaded, a row patched), and
 * each answer is patched into the list. Returns the stop function (an effect's cleanup).
 */
export function followMovingOrders(
  queryClient: QueryClient,
  trpc: ShopTRPC,
  state: OrderState | null,
  everyMs = LIVE_STATES_MS,
): () => void {
  const listKey = adminOrdersPages(trpc, state).queryKey;
  const listHash = hashKey(listKey);
  const observer = new QueryObserver(queryClient, orderStatesOptions(trpc, [], everyMs));
  let asking = "";
  const sync = () => {
    const ids = movingIds(queryClient.getQueryData<OrderList>(listKey));
    const key = ids.join(",");
    if (key === asking) return;
    asking = key;
    observer.setOptions(orderStatesOptions(trpc, ids, everyMs));
  };
  const stopWatchingList = queryClient.getQueryCache().subscribe((event) => {
    if (event.query.queryHash === listHash && event.type === "updated") sync();
  });
  const stopObserving = observer.subscribe((result) => {
    const states = result.data;
    if (states) queryClient.setQueryData<OrderList>(listKey, (list) => patchStates(list, states));
  });
  sync();
  return () => {
    stopObserving();
    stopWatchingList();
  };
}
