import {
  couponRejected,
  couponRestored,
  couponUsed,
  paymentFailed,
  paymentPaid,
  paymentPartRefunded,
  paymentPartRefundRefused,
  paymentRefunded,
  stockRestocked,
  stockRejected,
  stockReleased,
  stockReserved,
  type Envelope,
  type PayloadOf,
} from "@shop/contracts";
import type { SagaReply } from "../../../domain/saga";

/*
 * The participants' replies as the saga sees them: a received envelope, checked against its
 * contract, becomes the domain's SagaReply (the payload plus its `type`).
 */

/** Every reply the orchestrator consumes (its queue is bound to these types). */
export const REPLY_DEFINITIONS = {
  "stock.reserved": stockReserved,
  "stock.rejected": stockRejected,
  "stock.released": stockReleased,
  "coupon.used": couponUsed,
  "coupon.rejected": couponRejected,
  "coupon.restored": couponRestored,
  "payment.paid": paymentPaid,
  "payment.failed": paymentFailed,
  "payment.refunded": paymentRefunded,
  "payment.part-refunded": paymentPartRefunded,
  "payment.part-refund-refused": paymentPartRefundRefused,
  "stock.restocked": stockRestocked,
} as const;

type Definitions = typeof REPLY_DEFINITIONS;
/** Omit over each member of a union (payment.failed has two shapes). */
type PayloadOfReply<R> = R extends { type: string } ? Omit<R, "type"> : never;
type ReplyOf<T extends SagaReply["type"]> = PayloadOfReply<Extract<SagaReply, { type: T }>>;

/* Compile-time: the domain's mirrored reply types and the contracts' payloads are the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agree = { [T in keyof Definitions]: Same<ReplyOf<T>, PayloadOf<Definitions[T]>> };
const repliesAgree: Agree = {
  "stock.reserved": true,
  "stock.rejected": true,
  "stock.released": true,
  "coupon.used": true,
  "coupon.rejected": true,
  "coupon.restored": true,
  "payment.paid": true,
  "payment.failed": true,
  "payment.refunded": true,
  "payment.part-refunded": true,
  "payment.part-refund-refused": true,
  "stock.restocked": true,
};
void repliesAgree;

export const REPLY_TYPES = Object.keys(REPLY_DEFINITIONS) as (keyof Definitions)[];

const isReplyType = (type: string): type is keyof Definitions =>
  Object.hasOwn(REPLY_DEFINITIONS, type);

export type ReplyParse = { ok: true; reply: SagaReply } | { ok: false; reason: string };

/**
 * The domain reply in a received envelope, or why it is none (an unknown type or version, or a
 * correlation id that is not its order's): the consumer dead-letters those with the reason. The
 * payload is the one @shop/messaging's consumer has already checked against this same contract
 * (decodeEnvelope; a payload off its schema never reaches a handler), so it is not parsed again:
 * a second zod pass over every reply was CPU on the checkout's busiest path for nothing.
 */
export function sagaReplyOf(message: Envelope): ReplyParse {
  if (!isReplyType(message.type)) return { ok: false, reason: `not a saga reply: ${message.type}` };
  const definition = REPLY_DEFINITIONS[message.type];
  if (message.version !== definition.version)
    return { ok: false, reason: `${message.type}@${message.version} is not handled` };
  const reply = { type: message.type, ...(message.payload as object) } as SagaReply;
  if (reply.orderId !== message.correlationId)
    return {
      ok: false,
      reason: `${message.type} for ${reply.orderId} in saga ${message.correlationId}`,
    };
  return { ok: true, reply };
}
