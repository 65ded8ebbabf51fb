/*
 * The payment of one order of the checkout saga, and the rules that make `pay` and `refund`
 * safe under at-least-once delivery, retries by the orchestrator and replies arriving late.
 *
 * This service records one Payment per order id (the first command for an order creates it, in
 * the same transaction as its effect), and answers every later command for that order from it:
 *
 *   recorded      | pay                                   | refund
 *   --------------|---------------------------------------|-------------------------------------
 *   nothing       | debit if the balance covers it:       | credit nothing, record "cancelled",
 *                 | "paid", else "failed" (nothing taken) | reply refunded 0
 *   paid          | no debit; reply paid (same as before) | credit it back once: "refunded"
 *   failed        | no debit; reply failed (same shortBy) | nothing to give back: refunded 0
 *   refunded      | no debit; failed ALREADY_REFUNDED     | no credit; reply refunded (same)
 *   cancelled     | no debit; failed ALREADY_REFUNDED     | reply refunded 0
 *
 * A paid order may also be refunded in parts after the sale (domain/part-refund.ts): its
 * `refundedCents` is what those gave back. A whole refund then gives back only the rest
 * (amountCents - refundedCents), so the order's refunds never add up to more than it paid.
 *
 * So an order is debited at most once and credited at most once, and:
 * - A failed payment is final for its order: the orchestrator has been told and compensates; a
 *   retried pay must not succeed later (after a top-up) behind the saga's back.
 * - The late-reply rule: once a refund for an order is processed, no pay for that order ever
 *   debits. A refund that overtakes its pay (the saga timed the pay out and compensated; the pay
 *   was still in a queue) records the order as cancelled, and the pay is answered with
 *   ALREADY_REFUNDED when it finally arrives. Without this, a timed-out saga would cancel the
 *   order and the late pay would still take the shopper's money.
 * - A redelivered message (same message id) is caught earlier by the inbox and changes nothing,
 *   and sends nothing: its reply is already in the outbox.
 */

export type Payment =
  | {
      status: "paid";
      orderId: string;
      userId: string;
      amountCents: number;
      /** The wallet's balance right after the debit. */
      balanceAfterCents: number;
      /** What partial refunds gave back so far (0 <= refundedCents <= amountCents). */
      refundedCents: number;
    }
  | {
      status: "failed";
      orderId: string;
      userId: string;
      amountCents: number;
      /** How much more the wallet needed. */
      shortByCents: number;
    }
  | {
      status: "refunded";
      orderId: string;
      userId: string;
      amountCents: number;
      /** What partial refunds had given back before; the whole refund gave back the rest. */
      refundedCents: number;
    }
  /** A refund arrived before any pay: nothing was taken, and nothing ever will be. */
  | { status: "cancelled"; orderId: string };

export type PaymentStatus = Payment["status"];

/** What a pay command asks for. */
export interface PayRequest {
  orderId: string;
  userId: string;
  amountCents: number;
}

/** The answer to a pay command. */
export type PayReply =
  | { kind: "paid"; orderId: string; amountCents: number; balanceAfterCents: number }
  | { kind: "failed"; orderId: string; reason: "INSUFFICIENT_BALANCE"; shortByCents: number }
  | { kind: "failed"; orderId: string; reason: "ALREADY_REFUNDED" };

/** The answer to a refund command. */
export type RefundReply = { kind: "refunded"; orderId: string; amountCents: number };

export type PartRefundRefusal = "NOT_PAID" | "EXCEEDS_PAYMENT";

/** The answer to a refund-part command. */
export type PartRefundReply =
  | {
      kind: "part-refunded";
      orderId: string;
      refundId: string;
      amountCents: number;
      balanceAfterCents: number;
    }
  | {
      kind: "part-refund-refused";
      orderId: string;
      refundId: string;
      reason: PartRefundRefusal;
      refundableCents: number;
    };

export type SagaReply = PayReply | RefundReply | PartRefundReply;

/** What a pay must do, given what was recorded for its order (null: nothing yet). */
export type PayDecision = { action: "debit" } | { action: "answer"; reply: PayReply };

export function decidePay(recorded: Payment | null): PayDecision {
  return recorded ? { action: "answer", reply: payReplyOf(recorded) } : { action: "debit" };
}

/** What a refund must do, given what was recorded for its order (null: nothing yet). */
export type RefundDecision =
  | { action: "credit"; payment: Extract<Payment, { status: "paid" }> }
  | { action: "cancel"; payment: Extract<Payment, { status: "cancelled" }> }
  | { action: "answer"; reply: RefundReply };

export function decideRefund(orderId: string, recorded: Payment | null): RefundDecision {
  if (!recorded) return { action: "cancel", payment: { status: "cancelled", orderId } };
  if (recorded.status === "paid") return { action: "credit", payment: recorded };
  return { action: "answer", reply: refundReplyOf(recorded) };
}

/** The outcome of the debit a pay decided on. */
export function settlePay(
  request: PayRequest,
  debit:
    { kind: "debited"; balanceAfterCents: number } | { kind: "insufficient"; balanceCents: number },
): Payment {
  const { orderId, userId, amountCents } = request;
  return debit.kind === "debited"
    ? {
        status: "paid",
        orderId,
        userId,
        amountCents,
        balanceAfterCents: debit.balanceAfterCents,
        refundedCents: 0,
      }
    : {
        status: "failed",
        orderId,
        userId,
        amountCents,
        shortByCents: amountCents - debit.balanceCents,
      };
}

/** What a whole refund of this paid order gives back: what its partial refunds left. */
export const leftToRefund = (p: Extract<Payment, { status: "paid" }>): number =>
  p.amountCents - p.refundedCents;

/** The state after a paid order's money (what partial refunds left of it) went back. */
export const refunded = (p: Extract<Payment, { status: "paid" }>): Payment => ({
  status: "refunded",
  orderId: p.orderId,
  userId: p.userId,
  amountCents: p.amountCents,
  refundedCents: p.refundedCents,
});

/** How a pay for an order in this state is answered. */
export function payReplyOf(p: Payment): PayReply {
  switch (p.status) {
    case "paid":
      return {
        kind: "paid",
        orderId: p.orderId,
        amountCents: p.amountCents,
        balanceAfterCents: p.balanceAfterCents,
      };
    case "failed":
      return {
        kind: "failed",
        orderId: p.orderId,
        reason: "INSUFFICIENT_BALANCE",
        shortByCents: p.shortByCents,
      };
    case "refunded":
    case "cancelled":
      return { kind: "failed", orderId: p.orderId, reason: "ALREADY_REFUNDED" };
  }
}

/**
 * How a refund for an order in this state is answered: what went back, 0 if nothing was taken.
 * (A paid order is credited first, then answered as refunded.)
 */
export function refundReplyOf(p: Exclude<Payment, { status: "paid" }>): RefundReply {
  return {
    kind: "refunded",
    orderId: p.orderId,
    amountCents: p.status === "refunded" ? p.amountCents - p.refundedCents : 0,
  };
}

/**
 * Whether a pay asks for something other than what was recorded for its order (another user or
 * amount). The orchestrator never does that; it is answered from the record like any other pay
 * (the reply names the amount actually taken) and logged, never debited.
 */
export const differsFrom = (request: PayRequest, recorded: Payment): boolean =>
  recorded.status !== "cancelled" &&
  (recorded.userId !== request.userId || recorded.amountCents !== request.amountCents);
