import { formatMoney } from "@shop/kernel";
import type { SagaCommand, SagaReply } from "./saga-messages";
import type { CancelReason, OrderStatus, SagaState, StepName } from "./saga-state";

/*
 * The checkout saga's steps, each beside its compensation (STEPS below is this table):
 *
 *   step     | forward command -> replies                 | compensation -> reply
 *   ---------|--------------------------------------------|----------------------------------
 *   stock    | stock.reserve  -> stock.reserved/rejected  | stock.release  -> stock.released
 *   coupon   | coupon.use     -> coupon.used/rejected     | coupon.restore -> coupon.restored
 *   payment  | payment.pay    -> payment.paid/failed      | payment.refund -> payment.refunded
 *
 * Forward: PENDING (stock) -> STOCK_RESERVED (coupon; skipped without a coupon) -> COUPON_APPLIED
 * (payment; skipped when the discount leaves nothing to pay) -> PAID -> COMPLETED, which emits
 * order.completed once. How the orchestrator moves through the table: saga.ts.
 */

export interface StepDefinition {
  /** The status the order is in while this step's command is awaited. */
  awaitingStatus: OrderStatus;
  /** False when the order skips the step (no coupon; nothing left to pay). */
  applies: (s: SagaState) => boolean;
  forward: (s: SagaState) => SagaCommand;
  compensate: (s: SagaState) => SagaCommand;
  replies: {
    succeeded: SagaReply["type"];
    failed: SagaReply["type"];
    compensated: SagaReply["type"];
  };
  timeout: CancelReason;
}

export const amountToPay = (s: SagaState) => (s.data.subtotalCents ?? 0) - s.data.discountCents;

export const STEPS: Record<StepName, StepDefinition> = {
  stock: {
    awaitingStatus: "PENDING",
    applies: () => true,
    forward: (s) => ({
      type: "stock.reserve",
      orderId: s.orderId,
      lines: s.data.requestedLines.map(({ productId, quantity }) => ({ productId, quantity })),
    }),
    compensate: (s) => ({ type: "stock.release", orderId: s.orderId }),
    replies: {
      succeeded: "stock.reserved",
      failed: "stock.rejected",
      compensated: "stock.released",
    },
    timeout: {
      code: "STOCK_TIMEOUT",
      message: "We could not confirm your items in time. Nothing was charged; please try again.",
    },
  },
  coupon: {
    awaitingStatus: "STOCK_RESERVED",
    applies: (s) => s.data.couponId !== null,
    forward: (s) => ({
      type: "coupon.use",
      orderId: s.orderId,
      couponId: s.data.couponId ?? "",
      userId: s.data.userId,
      orderAmountCents: s.data.subtotalCents ?? 0,
    }),
    compensate: (s) => ({ type: "coupon.restore", orderId: s.orderId }),
    replies: {
      succeeded: "coupon.used",
      failed: "coupon.rejected",
      compensated: "coupon.restored",
    },
    timeout: {
      code: "COUPON_TIMEOUT",
      message:
        "We could not apply your coupon in time. Nothing was charged and your coupon is still yours; please try again.",
    },
  },
  payment: {
    awaitingStatus: "COUPON_APPLIED",
    applies: (s) => amountToPay(s) > 0,
    forward: (s) => ({
      type: "payment.pay",
      orderId: s.orderId,
      userId: s.data.userId,
      amountCents: amountToPay(s),
    }),
    compensate: (s) => ({ type: "payment.refund", orderId: s.orderId }),
    replies: {
      succeeded: "payment.paid",
      failed: "payment.failed",
      compensated: "payment.refunded",
    },
    timeout: {
      code: "PAYMENT_TIMEOUT",
      message:
        "We could not confirm your payment in time. Anything taken is refunded; please try again.",
    },
  },
};

export const stepOfReply = (type: SagaReply["type"]): StepName =>
  type.startsWith("stock.") ? "stock" : type.startsWith("coupon.") ? "coupon" : "payment";

/** The forward order: the step after each, and the status the order reaches when it succeeds. */
export const NEXT: Record<StepName, StepName | null> = {
  stock: "coupon",
  coupon: "payment",
  payment: null,
};
export const STATUS_AFTER: Record<StepName, OrderStatus> = {
  stock: "STOCK_RESERVED",
  coupon: "COUPON_APPLIED",
  payment: "PAID",
};

// What the shopper reads when a step fails.

export function failureReason(s: SagaState, reply: SagaReply): CancelReason {
  switch (reply.type) {
    case "stock.rejected": {
      const line = s.data.requestedLines.find((l) => l.productId === reply.productId);
      const name = line?.name ?? "one of your items";
      if (reply.reason === "OUT_OF_STOCK") {
        const available = reply.available ?? 0;
        return {
          code: "OUT_OF_STOCK",
          message: available === 0 ? `${name} is sold out` : `Only ${available} left of ${name}`,
        };
      }
      if (reply.reason === "PRODUCT_UNAVAILABLE")
        return { code: "PRODUCT_UNAVAILABLE", message: `${name} is no longer available` };
      break;
    }
    case "coupon.rejected": {
      const messages = {
        NOT_FOUND: "This coupon does not exist",
        NOT_YOURS: "This coupon belongs to someone else",
        ALREADY_USED: "This coupon was already used on another order",
        EXPIRED: "This coupon has expired",
        BELOW_MINIMUM: "Your order is below this coupon's minimum amount",
      } as const;
      if (reply.reason !== "ORDER_RESTORED")
        return { code: `COUPON_${reply.reason}`, message: messages[reply.reason] };
      break;
    }
    case "payment.failed":
      if (reply.reason === "INSUFFICIENT_BALANCE")
        return {
          code: "INSUFFICIENT_BALANCE",
          message: `Not enough balance: charge ${formatMoney(reply.shortByCents)} more`,
        };
      break;
    default:
      break;
  }
  // A participant refused because a compensation for this order came first: only possible if
  // the saga had given up already, so this is a safety net, not a path.
  return { code: "STEP_REFUSED", message: "Your order could not be completed; please try again." };
}
