/*
 * The checkout saga's messages, as the domain sees them: the contracts' payloads plus `type`.
 * The messaging adapter maps between them, and its test holds the two to the same shapes.
 */

// ---------------------------------------------------------------------------------------------

export interface OrderLineRequest {
  productId: string;
  quantity: number;
  /** For the shopper's sentences only ("Only 3 left of Linen Apron"); never priced from. */
  name?: string;
}

export interface ReservedLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
  name: string;
}

export type SagaReply =
  | { type: "stock.reserved"; orderId: string; lines: ReservedLine[] }
  | {
      type: "stock.rejected";
      orderId: string;
      reason: "OUT_OF_STOCK" | "PRODUCT_UNAVAILABLE" | "ORDER_RELEASED";
      productId?: string;
      available?: number;
    }
  | { type: "stock.released"; orderId: string }
  | { type: "coupon.used"; orderId: string; couponId: string; discountCents: number }
  | {
      type: "coupon.rejected";
      orderId: string;
      couponId: string;
      reason:
        "NOT_FOUND" | "NOT_YOURS" | "ALREADY_USED" | "EXPIRED" | "BELOW_MINIMUM" | "ORDER_RESTORED";
    }
  | { type: "coupon.restored"; orderId: string }
  | { type: "payment.paid"; orderId: string; amountCents: number; balanceAfterCents?: number }
  | {
      type: "payment.failed";
      orderId: string;
      reason: "INSUFFICIENT_BALANCE";
      shortByCents: number;
    }
  | { type: "payment.failed"; orderId: string; reason: "ALREADY_REFUNDED" }
  | { type: "payment.refunded"; orderId: string; amountCents: number }
  // After the sale (after-sale.ts): the replies to a cancellation's or refund's commands.
  | {
      type: "payment.part-refunded";
      orderId: string;
      refundId: string;
      amountCents: number;
      balanceAfterCents: number;
    }
  | {
      type: "payment.part-refund-refused";
      orderId: string;
      refundId: string;
      reason: "NOT_PAID" | "EXCEEDS_PAYMENT";
      refundableCents: number;
    }
  | { type: "stock.restocked"; orderId: string; refundId: string };

/** The replies of checkout's steps (saga-steps.ts); the others answer after-sale.ts. */
export type CheckoutReply = Exclude<
  SagaReply,
  { type: "payment.part-refunded" | "payment.part-refund-refused" | "stock.restocked" }
>;

export interface OrderReturnPayload {
  orderId: string;
  refundId: string;
  userId: string;
  lines: { productId: string; quantity: number; unitPriceCents: number; amountCents: number }[];
  amountCents: number;
  soldAt: string;
  restocked: boolean;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  completedAt: string;
}

export interface OrderCompletedPayload {
  orderId: string;
  userId: string;
  lines: { productId: string; quantity: number; unitPriceCents: number }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  couponId: string | null;
  placedAt: string;
  completedAt: string;
}

export type SagaCommand =
  | { type: "stock.reserve"; orderId: string; lines: { productId: string; quantity: number }[] }
  | { type: "stock.release"; orderId: string }
  | {
      type: "coupon.use";
      orderId: string;
      couponId: string;
      userId: string;
      orderAmountCents: number;
    }
  | { type: "coupon.restore"; orderId: string }
  | { type: "payment.pay"; orderId: string; userId: string; amountCents: number }
  | { type: "payment.refund"; orderId: string }
  | ({ type: "order.completed" } & OrderCompletedPayload)
  | { type: "payment.refund-part"; orderId: string; refundId: string; amountCents: number }
  | {
      type: "stock.restock";
      orderId: string;
      refundId: string;
      lines: { productId: string; quantity: number }[];
    }
  | ({ type: "order.cancelled" } & OrderReturnPayload)
  | ({ type: "order.refunded" } & OrderReturnPayload);

export type SagaInput =
  | { kind: "start"; now: Date }
  | { kind: "reply"; reply: SagaReply; messageId?: string; now: Date }
  | { kind: "deadline"; now: Date }
  /** The orchestrator is back after being away (see the top): the awaited step is asked again. */
  | { kind: "resume"; now: Date }
  /**
   * The shopper cancels. While checkout runs, the saga compensates what it did, as after a
   * failure; once it completed, a cancellation saga (`refundId`) gives everything back.
   */
  | { kind: "cancel"; refundId: string; by: string; now: Date };
