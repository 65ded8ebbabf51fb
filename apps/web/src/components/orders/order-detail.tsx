"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatMoney, type OrderDetail, type OrderState } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { useShowCart } from "../cart/cart-cache";
import { Button, buttonClass } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";
import { announceBalance } from "../wallet/balance-event";
import { CancelOrder } from "./cancel-order";
import { FulfilmentView } from "./fulfilment";
import { MoneyTrail } from "./money-trail";
import { hasPendingRefund, isCancellable, isSettled, orderNumber, when } from "./order-format";
import { OrderLines } from "./order-lines";
import { StateBadge } from "./state-badge";
import { Timeline } from "./timeline";

/** How often an order in a saga (its checkout, its cancellation, a refund) is asked again. */
const POLL_MS = 500;
/**
 * How often a settled order that someone else can still move on (an admin ships, delivers or
 * refunds it) is asked again, so its page follows without a reload. Not in a hidden tab.
 */
const WATCH_MS = 5_000;

/** How often the order is asked again: fast while a saga runs, slowly while it can still move. */
export const orderPollMs = (o: OrderDetail | undefined): number | false =>
  !o ? false : !isSettled(o) ? POLL_MS : o.state === "CANCELLED" ? false : WATCH_MS;

/**
 * One of the shopper's orders. While a saga of it runs (the checkout, a cancellation, a refund)
 * the page asks every half second and the timeline moves step by step; it says how the order
 * ended, and why, then refreshes the header's balance. The shopper can cancel it until it ships.
 */
export function OrderDetailView({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const order = useQuery(
    trpc.orders.get.queryOptions(
      { orderId },
      { refetchInterval: (q) => orderPollMs(q.state.data) },
    ),
  );
  useWhenSettled(order.data);

  if (!order.data)
    return order.isError ? (
      <p
        role="alert"
        className="rounded-2xl bg-white px-6 py-10 text-center text-red-700 ring-1 ring-stone-200"
      >
        This order could not be loaded. {shopErrorOf(order.error).message}
      </p>
    ) : (
      <div className="h-64 animate-pulse rounded-2xl bg-white ring-1 ring-stone-200" />
    );

  const o = order.data;
  return (
    <div className="space-y-8">
      <div>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-display text-3xl font-semibold tracking-tight sm:text-4xl">
            Order {orderNumber(o.id)}
          </h1>
          <StateBadge state={o.state} />
        </div>
        <p className="mt-1 text-sm text-stone-500">Placed {when(o.placedAt)}</p>
      </div>
      {order.isError && (
        <p role="alert" className="text-sm text-red-700">
          The latest state could not be loaded; still trying.
        </p>
      )}
      <Outcome order={o} />
      <div className="grid grid-cols-1 items-start gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <section
            aria-labelledby="lines-heading"
            className="rounded-2xl bg-white ring-1 ring-stone-200"
          >
            <h2 id="lines-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
              Items
            </h2>
            <OrderLines order={o} />
          </section>
          <MoneyTrail order={o} />
        </div>
        <div className="space-y-8">
          <section
            aria-labelledby="progress-heading"
            className="rounded-2xl bg-white p-6 ring-1 ring-stone-200"
          >
            <h2 id="progress-heading" className="mb-4 font-medium">
              Progress
            </h2>
            <Timeline steps={o.timeline} />
          </section>
          <FulfilmentView fulfilment={o.fulfilment} state={o.state} />
        </div>
      </div>
    </div>
  );
}

/**
 * Each time the order settles (its checkout ended, a cancellation or refund came through): the
 * balance changed (paid, or refunded), the coupon was used or given back, and the list of
 * orders moved on. The header learns the balance by its event.
 */
function useWhenSettled(order: OrderDetail | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const seen = useRef<string | null>(null);
  // What a settled order's money is: a new value means the balance moved since it was read.
  const settledAs = isSettled(order) && order ? `${order.state}:${order.refundedCents}` : null;
  useEffect(() => {
    if (settledAs === null || seen.current === settledAs) return;
    seen.current = settledAs;
    void queryClient.invalidateQueries({ queryKey: trpc.coupons.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.orders.mine.queryKey() });
    queryClient
      .fetchQuery({ ...trpc.wallet.balance.queryOptions(), staleTime: 0 })
      .then((b) => announceBalance(b.balanceCents))
      .catch(() => {}); // the header keeps what it showed
  }, [settledAs, queryClient, trpc]);
}

const IN_PROGRESS: Partial<Record<OrderState, string>> = {
  PENDING: "Reserving your items…",
  STOCK_RESERVED: "Your items are reserved. Applying your coupon and taking payment…",
  COUPON_APPLIED: "Coupon applied. Taking payment from your balance…",
  PAID: "Paid. Finishing your order…",
  COMPENSATING: "A step could not be completed. Undoing what was done…",
  CANCELLING: "Giving your money back and putting the items back on sale…",
};

function Outcome({ order: o }: { order: OrderDetail }) {
  if (o.state === "SHIPPED" || o.state === "DELIVERED")
    return (
      <section
        className="flex gap-4 rounded-2xl bg-brand-50 p-6 ring-1 ring-brand-100"
        data-testid="order-outcome"
        role="status"
      >
        <Icon kind="done" />
        <div className="min-w-0">
          <h2 className="font-display text-xl font-semibold text-brand-900">
            {o.state === "SHIPPED" ? "Your order is on its way" : "Your order was delivered"}
          </h2>
          <p className="mt-1 break-words text-sm text-stone-700">
            {o.state === "SHIPPED"
              ? `Shipped ${o.fulfilment.shippedAt ? when(o.fulfilment.shippedAt) : ""}${o.fulfilment.carrier ? ` with ${o.fulfilment.carrier}` : ""}${o.fulfilment.tracking ? ` (tracking ${o.fulfilment.tracking})` : ""}.`
              : `Delivered ${o.fulfilment.deliveredAt ? when(o.fulfilment.deliveredAt) : ""}. Thank you!`}
          </p>
        </div>
      </section>
    );
  if (o.state === "COMPLETED")
    return (
      <section
        className="flex gap-4 rounded-2xl bg-brand-50 p-6 ring-1 ring-brand-100"
        data-testid="order-outcome"
        role="status"
      >
        <Icon kind="done" />
        <div>
          <h2 className="font-display text-xl font-semibold text-brand-900">
            Your order is complete
          </h2>
          <p className="mt-1 text-sm text-stone-700">
            {formatMoney(o.totalCents ?? 0)} was paid from your balance
            {o.discountCents > 0
              ? `, with ${formatMoney(o.discountCents)} off from your coupon`
              : ""}
            . Thank you!
          </p>
          <div className="mt-4 flex flex-wrap gap-3 text-sm">
            <Link href="/account/wallet" className="font-medium text-brand-700 hover:underline">
              Your balance
            </Link>
            <Link href="/products" className="font-medium text-brand-700 hover:underline">
              Continue shopping
            </Link>
          </div>
          {/* order-service refuses a cancel while a refund of the order runs. */}
          {!hasPendingRefund(o) && (
            <div className="mt-4">
              <CancelOrder order={o} />
            </div>
          )}
        </div>
      </section>
    );
  if (o.state === "CANCELLED")
    return (
      <section
        className="flex gap-4 rounded-2xl bg-red-50 p-6 ring-1 ring-red-200"
        data-testid="order-outcome"
        role="status"
      >
        <Icon kind="cancelled" />
        <div className="min-w-0">
          <h2 className="font-display text-xl font-semibold text-red-900">
            Your order was cancelled
          </h2>
          <p className="mt-1 font-medium text-red-900" data-testid="cancel-message">
            {o.cancelMessage ?? "Your order could not be completed."}
          </p>
          <p className="mt-1 text-sm text-stone-700">
            {o.refundedCents > 0
              ? `${formatMoney(o.refundedCents)} went back to your balance`
              : "Nothing was taken from your balance"}
            {o.couponId ? ", and your coupon can be used again" : ""}.
          </p>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {o.cancelReason === "INSUFFICIENT_BALANCE" && (
              <Link href="/account/wallet" className={buttonClass()}>
                Charge your wallet
              </Link>
            )}
            {o.cancelReason === "COUPON_REJECTED" && (
              <Link href="/coupons" className={buttonClass({ variant: "secondary" })}>
                See your coupons
              </Link>
            )}
            <ReorderButton order={o} />
          </div>
        </div>
      </section>
    );
  return (
    <section
      className="flex items-center gap-4 rounded-2xl bg-white p-6 ring-1 ring-stone-200"
      data-testid="order-outcome"
      role="status"
      aria-live="polite"
    >
      <Icon kind="working" />
      <div className="min-w-0">
        <h2 className="font-medium text-stone-900">
          {o.state === "COMPENSATING" || o.state === "CANCELLING"
            ? "Cancelling your order"
            : "Placing your order"}
        </h2>
        <p className="text-sm text-stone-600">{IN_PROGRESS[o.state]}</p>
        {isCancellable(o.state) && (
          <div className="mt-3">
            <CancelOrder order={o} />
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * A cancelled order took the cart with it; this puts its items back (as many as are on sale
 * now), so a shopper who charged their wallet can try again without shopping twice.
 */
function ReorderButton({ order }: { order: OrderDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const showCart = useShowCart();
  const [problem, setProblem] = useState<string | null>(null);
  const add = useMutation(trpc.cart.add.mutationOptions());
  const [busy, setBusy] = useState(false);

  async function reorder() {
    setBusy(true);
    setProblem(null);
    const refused: string[] = [];
    for (const line of order.lines) {
      try {
        showCart(await add.mutateAsync({ productId: line.productId, quantity: line.quantity }));
      } catch (e) {
        refused.push(shopErrorOf(e).message);
      }
    }
    setBusy(false);
    if (refused.length === order.lines.length) return setProblem(refused[0] ?? null);
    router.push("/cart");
  }

  return (
    <>
      <Button variant="secondary" busy={busy} onClick={() => void reorder()}>
        Put the items back in my cart
      </Button>
      {problem && (
        <p role="alert" className="w-full text-sm text-red-700">
          {problem}
        </p>
      )}
    </>
  );
}

function Icon({ kind }: { kind: "done" | "cancelled" | "working" }) {
  const base = "grid size-10 shrink-0 place-items-center rounded-full";
  if (kind === "done")
    return (
      <span aria-hidden className={`${base} bg-brand-600 text-white`}>
        <svg viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path
            fillRule="evenodd"
            d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
            clipRule="evenodd"
          />
        </svg>
      </span>
    );
  if (kind === "cancelled")
    return (
      <span aria-hidden className={`${base} bg-red-600 text-white`}>
        <svg viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
        </svg>
      </span>
    );
  return (
    <span aria-hidden className={`${base} bg-brand-50`}>
      <svg viewBox="0 0 24 24" className="size-5 animate-spin text-brand-600" fill="none">
        <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
        <path
          d="M21 12a9 9 0 0 0-9-9"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
        />
      </svg>
    </span>
  );
}
