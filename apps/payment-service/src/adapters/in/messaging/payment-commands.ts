import { SAGA_ID } from "@shop/service-kit/trace-context";
import { paymentPay, paymentRefund, paymentRefundPart } from "@shop/contracts";
import { handler, type Log } from "@shop/messaging";
import { payForOrder } from "../../../application/pay-for-order";
import type { CommandOutcome, PaymentDeps } from "../../../application/ports";
import { refundOrder } from "../../../application/refund-order";
import { refundPart } from "../../../application/refund-part";
import type { SagaReply } from "../../../domain/payment";

/*
 * The saga's commands to this service (contracts' PAYMENT_COMMANDS), each to its use case.
 * @shop/messaging's consumer has validated the message against its contract (a malformed one
 * is dead-lettered with the reason before it gets here); the use case records the message in
 * the inbox and replies through the outbox in the same transaction as its change. A handler
 * that throws (the database is down) is retried, then dead-lettered by the delivery limit.
 */
export function paymentCommandHandlers(deps: PaymentDeps, log: Log) {
  // A command that asks for another user or amount than its order's record (or, for a partial
  // refund, another order or amount than its refund id's) is answered from the record; an
  // operator should hear of it.
  const warnIfConflicting = <R extends SagaReply>(
    type: string,
    messageId: string,
    outcome: CommandOutcome<R>,
  ) => {
    if (!outcome.duplicate && outcome.conflicting)
      log.warn(
        { type, [SAGA_ID]: outcome.reply.orderId, messageId },
        "command differs from what was recorded for its order; answered from the record",
      );
    return outcome;
  };
  return [
    handler(paymentPay, async (m, { received }) =>
      warnIfConflicting(m.type, m.messageId, await payForOrder(deps, m.payload, received)),
    ),
    handler(paymentRefund, async (m, { received }) =>
      warnIfConflicting(m.type, m.messageId, await refundOrder(deps, m.payload.orderId, received)),
    ),
    handler(paymentRefundPart, async (m, { received }) =>
      warnIfConflicting(m.type, m.messageId, await refundPart(deps, m.payload, received)),
    ),
  ];
}
