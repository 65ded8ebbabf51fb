import type { PartRefundRefusal, PartRefundReply, Payment } from "./payment";

export type { PartRefundRefusal, PartRefundReply } from "./payment";

/*
 * A partial refund after the sale (@shop/contracts' payment.refund-part): give `amountCents` of
 * what an order paid back to the wallet it was paid from, as refund `refundId`, once per refund
 * id. This service records one PartRefund per refund id (the first command for it creates it,
 * in the same transaction as its credit) and answers every later command for that id from it,
 * refused or not:
 *
 *   recorded  | the order's payment             | refund-part
 *   ----------|---------------------------------|--------------------------------------------
 *   nothing   | paid, amount fits what is left  | credit it: part-refunded (balance after)
 *   nothing   | paid, amount above what is left | credit nothing: refused EXCEEDS_PAYMENT
 *   nothing   | none, failed, refunded, cancelled | credit nothing: refused NOT_PAID
 *   a refund  | (whatever it is now)            | the recorded answer again, nothing credited
 *
 * The rule "the payment's refunds never add up to more than it paid" is `refusalOf` below, and
 * the store applies it in the same statement as the change (a conditional UPDATE of the
 * payment's refunded cents, CHECKed by the database), so concurrent refunds of one order can
 * never together pass it. A whole refund (the checkout's compensation) gives back only what the
 * partial refunds left (domain/payment.ts), and no partial refund follows it (NOT_PAID).
 */

/** What a refund-part command asks for. */
export interface PartRefundRequest {
  orderId: string;
  refundId: string;
  amountCents: number;
}

/** What was recorded for one refund id: the request and how it was answered. */
export type PartRefund = PartRefundRequest &
  (
    | {
        outcome: "refunded";
        /** Whose wallet it went back to: the payment's. */
        userId: string;
        balanceAfterCents: number;
      }
    | { outcome: PartRefundRefusal; refundableCents: number }
  );

/** What the order's payment could still give back by partial refunds (0 unless it is paid). */
export const refundableOf = (payment: Payment | null): number =>
  payment?.status === "paid" ? payment.amountCents - payment.refundedCents : 0;

/**
 * Why a partial refund of `amountCents` must be refused, given the order's payment as it is;
 * null when it may be credited. The store's conditional statement checks the same (status paid,
 * refunded + amount <= amount paid), at the moment of the change.
 */
export function refusalOf(
  payment: Payment | null,
  amountCents: number,
): { reason: PartRefundRefusal; refundableCents: number } | null {
  if (payment?.status !== "paid") return { reason: "NOT_PAID", refundableCents: 0 };
  const refundableCents = refundableOf(payment);
  return amountCents > refundableCents ? { reason: "EXCEEDS_PAYMENT", refundableCents } : null;
}

/** The record of a partial refund the store refused, from the payment it saw (locked). */
export function refused(request: PartRefundRequest, payment: Payment | null): PartRefund {
  const refusal = refusalOf(payment, request.amountCents);
  // The store refused because this said no: a payment that would take it is a store bug.
  if (!refusal) throw new Error(`refund ${request.refundId}: refused, yet it fits its payment`);
  return { ...request, outcome: refusal.reason, refundableCents: refusal.refundableCents };
}

/** The record of a partial refund credited to `userId`'s wallet. */
export const credited = (
  request: PartRefundRequest,
  userId: string,
  balanceAfterCents: number,
): PartRefund => ({ ...request, outcome: "refunded", userId, balanceAfterCents });

/** How a refund-part for this record is answered (the first time and every time after). */
export function partRefundReplyOf(r: PartRefund): PartRefundReply {
  const { orderId, refundId, amountCents } = r;
  return r.outcome === "refunded"
    ? {
        kind: "part-refunded",
        orderId,
        refundId,
        amountCents,
        balanceAfterCents: r.balanceAfterCents,
      }
    : {
        kind: "part-refund-refused",
        orderId,
        refundId,
        reason: r.outcome,
        refundableCents: r.refundableCents,
      };
}

/**
 * Whether a refund-part asks for another order or amount than was recorded for its refund id.
 * The orchestrator never does that; it is answered from the record (logged), never credited.
 */
export const partRefundDiffers = (request: PartRefundRequest, recorded: PartRefund): boolean =>
  recorded.orderId !== request.orderId || recorded.amountCents !== request.amountCents;
