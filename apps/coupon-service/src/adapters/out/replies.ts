import {
  couponRejected,
  couponRestored,
  couponUsed,
  createReply,
  type Envelope,
} from "@shop/contracts";
import type { ReceivedMessage } from "@shop/kernel";
import type { CouponReply } from "../../application/ports";

/** The domain's answer to a command as its contract's reply, in the command's saga. */
export function replyMessage(to: ReceivedMessage, reply: CouponReply, at: Date): Envelope {
  switch (reply.kind) {
    case "used": {
      const { orderId, couponId, discountCents } = reply;
      return createReply(to, couponUsed, { orderId, couponId, discountCents }, at);
    }
    case "rejected": {
      const { orderId, couponId, reason } = reply;
      return createReply(to, couponRejected, { orderId, couponId, reason }, at);
    }
    case "restored":
      return createReply(to, couponRestored, { orderId: reply.orderId }, at);
  }
}
