import {
  couponRejected,
  couponRestored,
  couponUsed,
  createMessage,
  type Envelope,
} from "@shop/contracts";
import type { CommandRef, CouponReply } from "../../application/ports";

/** The reply envelope to a command: same saga (correlation id), caused by the command. */
export function replyEnvelope(command: CommandRef, reply: CouponReply, at: Date): Envelope {
  const options = {
    correlationId: command.correlationId,
    causationId: command.messageId,
    occurredAt: at,
  };
  switch (reply.kind) {
    case "used":
      return createMessage(
        couponUsed,
        {
          orderId: reply.orderId,
          couponId: reply.couponId,
          discountCents: reply.discountCents,
        },
        options,
      );
    case "rejected":
      return createMessage(
        couponRejected,
        {
          orderId: reply.orderId,
          couponId: reply.couponId,
          reason: reply.reason,
        },
        options,
      );
    case "restored":
      return createMessage(couponRestored, { orderId: reply.orderId }, options);
  }
}
