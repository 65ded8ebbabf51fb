"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatMoney, type OrderSummary } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";
import { itemCount, orderNumber, when } from "./order-format";
import { myOrdersPages, ordersOf } from "./order-paging";
import { StateBadge } from "./state-badge";

/**
 * The shopper's orders, newest first, a page at a time. The loaded pages are asked again every
 * second while an order on the first is still in its saga, so a new order's state moves here too.
 */
export function OrdersList() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(myOrdersPages(trpc));
  const orders = ordersOf(list.data);

  return (
    <section className="rounded-2xl bg-white ring-1 ring-stone-200">
      {list.isError && (
        <p role="alert" className="px-6 py-4 text-sm text-red-700">
          Your orders could not be loaded. {shopErrorOf(list.error).message}
        </p>
      )}
      {list.isSuccess && orders.length === 0 && (
        <div className="flex flex-col items-center px-6 py-16 text-center">
          <p className="font-medium text-stone-900">No orders yet</p>
          <p className="mt-1 text-sm text-stone-600">Your orders will show up here.</p>
          <Link
            href="/products"
            className="mt-6 rounded-full bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            Browse the shop
          </Link>
        </div>
      )}
      {list.isPending && <div className="h-48 animate-pulse rounded-2xl bg-stone-50" />}
      <ul className="divide-y divide-stone-100" aria-label="Your orders">
        {orders.map((o) => (
          <OrderRow key={o.id} order={o} />
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="border-t border-stone-100 px-6 py-3">
          <Button
            variant="secondary"
            size="sm"
            busy={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            Show older orders
          </Button>
        </div>
      )}
    </section>
  );
}

function OrderRow({ order: o }: { order: OrderSummary }) {
  const cancelled = o.state === "CANCELLED";
  return (
    <li>
      <Link
        href={`/orders/${o.id}`}
        className="flex items-start justify-between gap-4 px-4 py-4 hover:bg-stone-50 sm:px-6"
        data-testid="order-row"
      >
        <div className="min-w-0">
          <p className="font-medium text-stone-900">
            Order {orderNumber(o.id)}
            <span className="font-normal text-stone-500"> · {itemCount(o.itemCount)}</span>
          </p>
          <p className="text-xs text-stone-500">{when(o.placedAt)}</p>
          {cancelled && o.cancelMessage && (
            <p className="mt-1 text-sm text-stone-600" data-testid="order-reason">
              {o.cancelMessage}
            </p>
          )}
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1.5">
          <p
            className={`font-medium tabular-nums ${cancelled ? "text-stone-400 line-through" : "text-stone-900"}`}
          >
            {o.totalCents !== null ? formatMoney(o.totalCents) : "—"}
          </p>
          {!cancelled && o.refundedCents > 0 && (
            <p className="text-xs text-brand-700 tabular-nums" data-testid="order-refunded">
              {formatMoney(o.refundedCents)} refunded
            </p>
          )}
          <StateBadge state={o.state} />
        </div>
      </Link>
    </li>
  );
}
