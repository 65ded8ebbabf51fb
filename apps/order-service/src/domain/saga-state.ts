/*
 * The checkout saga's state: what the orchestrator remembers of an order between decisions,
 * persisted with its version by the saga store after every decision.
 */

import type { OrderLineRequest, ReservedLine, SagaCommand } from "./saga-messages";

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export const orderStatuses = [
  "PENDING",
  "STOCK_RESERVED",
  "COUPON_APPLIED",
  "PAID",
  "COMPLETED",
  "COMPENSATING",
  "CANCELLED",
  // After the sale (after-sale.ts): the checkout saga is over; the order moves on.
  "CANCELLING",
  "SHIPPED",
  "DELIVERED",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const stepNames = ["stock", "coupon", "payment"] as const;
export type StepName = (typeof stepNames)[number];

export interface StepState {
  /** The forward command was sent (so it may have taken effect, until it answers a failure). */
  sent: boolean;
  /** What its reply said; "pending" while none came (a timed-out step stays pending). */
  outcome: "pending" | "succeeded" | "failed";
  /** none: not sent; sent: waiting for its reply (re-sent on deadlines); acknowledged: done. */
  compensation: "none" | "sent" | "acknowledged";
}

export const cancelReasonCodes = [
  "OUT_OF_STOCK",
  "PRODUCT_UNAVAILABLE",
  "COUPON_NOT_FOUND",
  "COUPON_NOT_YOURS",
  "COUPON_ALREADY_USED",
  "COUPON_EXPIRED",
  "COUPON_BELOW_MINIMUM",
  "INSUFFICIENT_BALANCE",
  "STOCK_TIMEOUT",
  "COUPON_TIMEOUT",
  "PAYMENT_TIMEOUT",
  "STEP_REFUSED",
  "CANCELLED_BY_SHOPPER",
] as const;
export type CancelReasonCode = (typeof cancelReasonCodes)[number];

export interface CancelReason {
  code: CancelReasonCode;
  /** A sentence for the shopper: "Not enough balance: charge $12.40 more". */
  message: string;
}

export interface SagaLogEntry {
  at: string;
  /** After the sale: the cancellation or refund this entry belongs to (after-sale.ts). */
  refundId?: string;
  kind: "command" | "reply" | "status" | "deadline" | "resume";
  /** The message type (command or reply), the new status, or the step (deadline, resume). */
  type: string;
  /** For a command: 1 the first time, 2+ when it is sent again (a compensation, a resume). */
  attempt?: number;
  messageId?: string;
  detail?: string;
}

export interface SagaData {
  userId: string;
  couponId: string | null;
  /** The lines as requested; replaced by the reserved lines (with their prices) once reserved. */
  requestedLines: OrderLineRequest[];
  reservedLines: ReservedLine[] | null;
  subtotalCents: number | null;
  discountCents: number;
  totalCents: number | null;
  placedAt: string;
}

export interface SagaState {
  orderId: string;
  /** Increases with every change: the store updates only the version it read (optimistic). */
  version: number;
  status: OrderStatus;
  /** The step whose command (forward or compensation) is awaited; null when none is. */
  step: StepName | null;
  /** When the awaited step is overdue (ISO); null when nothing is awaited. */
  deadline: string | null;
  stepTimeoutMs: number;
  steps: Record<StepName, StepState>;
  /** How many times each compensation was sent (the first send included). */
  compensationAttempts: Record<StepName, number>;
  data: SagaData;
  reason: CancelReason | null;
  completedAt: string | null;
  log: SagaLogEntry[];
  /** After the sale (after-sale.ts); absent in sagas saved before it existed. */
  fulfilment?: Fulfilment;
  /** The order's cancellation and refunds, oldest first; absent: none. */
  returns?: ReturnState[];
}

export interface Fulfilment {
  carrier: string | null;
  tracking: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
}

export const returnStepNames = ["payment", "coupon", "stock"] as const;
export type ReturnStepName = (typeof returnStepNames)[number];

/** One line of a cancellation or refund: the units and the money they give back. */
export interface ReturnLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

/**
 * A cancellation (of a completed order, by its shopper) or a refund (by an admin): a saga of
 * its own, with its own id, kept with the order's saga so one versioned row orders every change
 * to the order (after-sale.ts). Its steps run in this order, each only when it applies: payment
 * (money back), coupon (a cancellation's coupon back), stock (units back, when restocking).
 */
export interface ReturnState {
  id: string;
  kind: "cancel" | "refund";
  status: "PENDING" | "COMPLETED" | "FAILED";
  lines: ReturnLine[];
  amountCents: number;
  restock: boolean;
  restoreCoupon: boolean;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** The admin's idempotency key: the same key again is this refund, not another one. */
  key?: string;
  completedAt: string | null;
  /** Why the payment refused it (FAILED only). */
  failure: string | null;
  /** The step whose reply is awaited; null when none is. */
  step: ReturnStepName | null;
  deadline: string | null;
  /** How many times each step's command was sent. */
  attempts: Record<ReturnStepName, number>;
  done: Record<ReturnStepName, boolean>;
}

export interface Decision {
  state: SagaState;
  commands: SagaCommand[];
}

export interface NewSaga {
  orderId: string;
  userId: string;
  lines: OrderLineRequest[];
  couponId: string | null;
  placedAt: Date;
  stepTimeoutMs?: number;
}

/** A saga that has sent nothing yet: `decide(newSaga(..), { kind: "start", now })` begins it. */
export function newSaga(input: NewSaga): SagaState {
  const step = (): StepState => ({ sent: false, outcome: "pending", compensation: "none" });
  return {
    orderId: input.orderId,
    version: 0,
    status: "PENDING",
    step: null,
    deadline: null,
    stepTimeoutMs: input.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    steps: { stock: step(), coupon: step(), payment: step() },
    compensationAttempts: { stock: 0, coupon: 0, payment: 0 },
    data: {
      userId: input.userId,
      couponId: input.couponId,
      requestedLines: input.lines.map((l) => ({ ...l })),
      reservedLines: null,
      subtotalCents: null,
      discountCents: 0,
      totalCents: null,
      placedAt: input.placedAt.toISOString(),
    },
    reason: null,
    completedAt: null,
    log: [],
  };
}

/** The checkout saga is over: it completed (and the order may have moved on), or cancelled. */
export const isTerminal = (s: { status: OrderStatus }) =>
  checkoutSucceeded(s) || s.status === "CANCELLED";

/** The order was paid for: completed, and perhaps shipped, delivered or being cancelled since. */
export const checkoutSucceeded = (s: { status: OrderStatus }) =>
  s.status === "COMPLETED" ||
  s.status === "SHIPPED" ||
  s.status === "DELIVERED" ||
  s.status === "CANCELLING";

/** Nothing more will happen to the order (no saga step or return awaited). */
export const isSettled = (s: SagaState) =>
  isTerminal(s) &&
  s.status !== "CANCELLING" &&
  !(s.returns ?? []).some((r) => r.status === "PENDING");

/**
 * The reason the order shows: the saga's once it is CANCELLED (a CHECK in the orders table holds
 * the two together). While COMPENSATING the reason is the saga's only: the order may still be
 * shown as in progress.
 */
export function orderCancelReason(s: SagaState): CancelReason | null {
  return s.status === "CANCELLED" ? s.reason : null;
}

/** An order line as the order shows it: priced and named as stock.reserved reserved it. */
export interface OrderLineView {
  productId: string;
  quantity: number;
  /** Null until the stock step reserved the line. */
  unitPriceCents: number | null;
  name: string | null;
}

/** The lines as requested, with the prices and names stock.reserved reserved them at. */
export function orderLinesOf(s: SagaState): OrderLineView[] {
  return s.data.requestedLines.map((l) => {
    const reserved = s.data.reservedLines?.find((r) => r.productId === l.productId);
    return {
      productId: l.productId,
      quantity: l.quantity,
      unitPriceCents: reserved?.unitPriceCents ?? null,
      name: reserved?.name ?? l.name ?? null,
    };
  });
}
