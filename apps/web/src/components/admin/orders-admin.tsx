"use client";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { formatMoney, orderStates, type OrderState, type OrderSummary } from "@shop/contracts";
import { followMovingOrders } from "./live-order-states";
import { adminOrdersPages, parseOrderState } from "./order-filters";
import { useTRPC } from "@/trpc/client";
import { orderNumber, when } from "../orders/order-format";
import { firstPageOnly, ordersOf } from "../orders/order-paging";
import { STATE_LABEL, StateBadge } from "../orders/state-badge";
import { Button } from "../ui/button";
import { controlClass } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";

/** Every order, newest first, filtered by state (kept in the URL), a page at a time. */
export function OrdersAdmin({ initialState }: { initialState: OrderState | null }) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const [state, setState] = useState(initialState);
  // The state is in the query's key: a new filter is a list of its own.
  const list = useInfiniteQuery(adminOrdersPages(trpc, state));
  // Orders still moving are followed by their states alone (one small request), not the pages.
  useEffect(() => followMovingOrders(queryClient, trpc, state), [queryClient, trpc, state]);

  useEffect(() => {
    const url = `${window.location.pathname}${state ? `?state=${state}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, "", url);
  }, [state]);

  const orders = ordersOf(list.data);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-display text-3xl font-semibold tracking-tight">Orders</h1>
          <p className="mt-1 text-sm text-stone-500">
            Newest first; orders still moving update live. Open one to see its sagas step by step.
          </p>
        </div>
        <div className="w-56">
          <label htmlFor={`${id}-state`} className="mb-1 block text-xs font-medium text-stone-500">
            State
          </label>
          <select
            id={`${id}-state`}
            value={state ?? ""}
            onChange={(e) => {
              const next = parseOrderState(e.target.value);
              // A state seen before is still cached with the pages loaded then: start it again.
              queryClient.setQueryData(adminOrdersPages(trpc, next).queryKey, firstPageOnly);
              setState(next);
            }}
            className={controlClass(false)}
          >
            <option value="">All states</option>
            {orderStates.map((s) => (
              <option key={s} value={s}>
                {STATE_LABEL[s]} ({s})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-8 overflow-x-auto rounded-2xl bg-white ring-1 ring-stone-200">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Order</th>
              <th className="px-4 py-3 font-medium">Placed</th>
              <th className="px-4 py-3 text-right font-medium">Items</th>
              <th className="px-4 py-3 text-right font-medium">Subtotal</th>
              <th className="px-4 py-3 text-right font-medium">Discount</th>
              <th className="px-4 py-3 text-right font-medium">Total</th>
              <th className="px-4 py-3 font-medium">State</th>
              <th className="px-4 py-3 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {orders.map((o) => (
              <OrderRow key={o.id} order={o} />
            ))}
          </tbody>
        </table>
        {list.isError && (
          <p role="alert" className="px-4 py-6 text-sm text-red-700">
            {shopErrorOf(list.error).message}
          </p>
        )}
        {list.isSuccess && orders.length === 0 && (
          <p className="px-4 py-6 text-sm text-stone-500">
            {state ? `No order is ${STATE_LABEL[state].toLowerCase()}.` : "No orders yet."}
          </p>
        )}
        {list.hasNextPage && (
          <div className="border-t border-stone-100 px-4 py-3">
            <Button
              variant="secondary"
              size="sm"
              busy={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Load more
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

const money = (cents: number | null) => (cents === null ? "—" : formatMoney(cents));

function OrderRow({ order: o }: { order: OrderSummary }) {
  return (
    <tr className="hover:bg-stone-50/80" data-testid="admin-order-row">
      <td className="px-4 py-3">
        <Link
          href={`/admin/orders/${o.id}`}
          className="font-mono font-medium text-brand-700 hover:underline"
          title={o.id}
        >
          {orderNumber(o.id)}
        </Link>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-stone-600">{when(o.placedAt)}</td>
      <td className="px-4 py-3 text-right tabular-nums">{o.itemCount}</td>
      <td className="px-4 py-3 text-right tabular-nums">{money(o.subtotalCents)}</td>
      <td className="px-4 py-3 text-right tabular-nums">
        {o.discountCents > 0 ? `−${formatMoney(o.discountCents)}` : "—"}
      </td>
      <td className="px-4 py-3 text-right font-medium tabular-nums">
        {money(o.totalCents)}
        {o.refundedCents > 0 && (
          <span className="block text-xs font-normal text-red-700" data-testid="row-refunded">
            −{formatMoney(o.refundedCents)} refunded
          </span>
        )}
      </td>
      <td className="px-4 py-3">
        <StateBadge state={o.state} />
      </td>
      <td className="max-w-xs px-4 py-3 text-xs text-stone-600">
        {o.cancelReason && (
          <span className="block font-mono text-[11px] text-stone-500">{o.cancelReason}</span>
        )}
        {o.cancelMessage}
      </td>
    </tr>
  );
}
