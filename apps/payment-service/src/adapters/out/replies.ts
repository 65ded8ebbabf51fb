import {
  createReply,
  paymentFailed,
  paymentPaid,
  paymentPartRefunded,
  paymentPartRefundRefused,
  paymentRefunded,
  type Envelope,
} from "@shop/contracts";
import type { ReceivedMessage } from "@shop/kernel";
import type { SagaReply } from "../../domain/payment";

/** The domain's answer to a command as its contract's reply, in the command's saga. */
export function replyMessage(to: ReceivedMessage, reply: SagaReply, at: Date): Envelope {
  switch (reply.kind) {
    case "paid": {
      const { orderId, amountCents, balanceAfterCents } = reply;
      return createReply(to, paymentPaid, { orderId, amountCents, balanceAfterCents }, at);
    }
    case "failed":
      return createReply(
        to,
        paymentFailed,
        reply.reason === "INSUFFICIENT_BALANCE"
          ? { orderId: reply.orderId, reason: reply.reason, shortByCents: reply.shortByCents }
          : { orderId: reply.orderId, reason: reply.reason },
        at,
      );
    case "refunded": {
      const { orderId, amountCents } = reply;
      return createReply(to, paymentRefunded, { orderId, amountCents }, at);
    }
    case "part-refunded": {
      const { orderId, refundId, amountCents, balanceAfterCents } = reply;
      return createReply(
        to,
        paymentPartRefunded,
        { orderId, refundId, amountCents, balanceAfterCents },
        at,
      );
    }
    case "part-refund-refused": {
      const { orderId, refundId, reason, refundableCents } = reply;
      return createReply(
        to,
        paymentPartRefundRefused,
        { orderId, refundId, reason, refundableCents },
        at,
      );
    }
  }
}
