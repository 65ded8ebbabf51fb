import {
  createMessage,
  paymentFailed,
  paymentPaid,
  paymentRefunded,
  type Envelope,
} from "@shop/contracts";
import type { SagaReply } from "../../../domain/payment";
import type { ReceivedCommand } from "../../../application/ports";

/**
 * A reply as it goes on the wire: its contract's message, in the command's saga (correlation id)
 * and caused by it (causation id), so the orchestrator can match it to the step it answers.
 */
export function replyMessage(to: ReceivedCommand, reply: SagaReply, now: Date): Envelope {
  const options = { correlationId: to.correlationId, causationId: to.messageId, occurredAt: now };
  switch (reply.kind) {
    case "paid":
      return createMessage(
        paymentPaid,
        {
          orderId: reply.orderId,
          amountCents: reply.amountCents,
          balanceAfterCents: reply.balanceAfterCents,
        },
        options,
      );
    case "failed":
      return createMessage(
        paymentFailed,
        reply.reason === "INSUFFICIENT_BALANCE"
          ? { orderId: reply.orderId, reason: reply.reason, shortByCents: reply.shortByCents }
          : { orderId: reply.orderId, reason: reply.reason },
        options,
      );
    case "refunded":
      return createMessage(
        paymentRefunded,
        { orderId: reply.orderId, amountCents: reply.amountCents },
        options,
      );
  }
}
