import type { OrderDetail, OrderState } from "@shop/contracts";

/**
 * The states in which a saga of the order runs (its checkout, its undoing, or the shopper's
 * cancellation): the order moves on by itself, so a page showing it keeps asking.
 */
export const MOVING_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  "PENDING",
  "STOCK_RESERVED",
  "COUPON_APPLIED",
  "PAID",
  "COMPENSATING",
  "CANCELLING",
]);

/**
 * No saga of the order runs: COMPLETED, SHIPPED, DELIVERED or CANCELLED. Only someone's action
 * (an admin's ship or refund, the shopper's cancel) moves it on from here.
 */
export const isFinal = (state: OrderState | undefined) =>
  state !== undefined && !MOVING_STATES.has(state);

interface MovingParts {
  state: OrderState;
  refundedCents?: number;
  refunds?: readonly { state: string; amountCents: number }[];
}

/** A refund or cancellation whose money has not gone back yet: its saga still runs. */
export const hasPendingRefund = (order: MovingParts) =>
  order.refunds?.some((r) => r.state === "PENDING") ?? false;

/**
 * Whether the order's figures disagree with its refunds: order-service reads the order's row and
 * its refunds one after the other, so a refund that completed between the two reads shows as
 * done beside the refunded total of before (ORDER-SERVICE-NOTES.md). Asked again, it agrees.
 */
const refundsAheadOfTotal = (order: MovingParts) =>
  order.refunds !== undefined &&
  order.refundedCents !== undefined &&
  order.refunds.filter((r) => r.state === "COMPLETED").reduce((n, r) => n + r.amountCents, 0) !==
    order.refundedCents;

/** Nothing about the order moves by itself: no saga runs, no refund waits, its figures agree. */
export const isSettled = (order: MovingParts | undefined) =>
  order !== undefined &&
  isFinal(order.state) &&
  !hasPendingRefund(order) &&
  !refundsAheadOfTotal(order);

/**
 * Whether the shopper may cancel the order: until it ships, unless it is cancelled or being
 * cancelled already (order-service decides for good: ORDER_NOT_CANCELLABLE).
 */
export const isCancellable = (state: OrderState) =>
  state === "PENDING" ||
  state === "STOCK_RESERVED" ||
  state === "COUPON_APPLIED" ||
  state === "PAID" ||
  state === "COMPLETED";

/** How a shopper and an admin read an order's number: the id's first 8 digits. */
export const orderNumber = (id: string) => id.slice(0, 8).toUpperCase();

// Pages are rendered on the server first: times are UTC so the browser renders the same text.
const dayTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "Nov 24, 2026, 2:05 PM UTC" */
export const when = (iso: string) => `${dayTime.format(new Date(iso))} UTC`;

/** "14:05:09" (UTC), for the steps of one order. */
export const clock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** "14:05:09.123" (UTC), for the saga log: its entries are milliseconds apart. */
export const clockMs = (iso: string) => new Date(iso).toISOString().slice(11, 23);

/** "2026-11-24 14:05:09.123" (UTC). */
export const instant = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 23);

export const itemCount = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

export type TimelineStep = OrderDetail["timeline"][number];
