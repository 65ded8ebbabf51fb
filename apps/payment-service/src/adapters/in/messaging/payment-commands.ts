import { paymentPay, paymentRefund } from "@shop/contracts";
import {
  consumeMessages,
  handler,
  queue,
  receivedMessage,
  type Log,
  type QueueDefinition,
  type Registration,
  type Subscription,
  type Transport,
} from "@shop/messaging";
import { payForOrder, type CommandOutcome } from "../../../application/pay-for-order";
import { refundOrder } from "../../../application/refund-order";
import type { PaymentDeps, ReceivedCommand } from "../../../application/ports";
import type { SagaReply } from "../../../domain/payment";

/**
 * The queue the checkout saga's payment commands arrive on (durable, quorum, with a delivery
 * limit and its own dead-letter queue: @shop/messaging's topology). Several instances of the
 * service consume it as competing consumers.
 */
export const PAYMENT_COMMANDS = queue("payment-service.commands", {
  bindings: [paymentPay, paymentRefund],
});

/**
 * The handlers of PAYMENT_COMMANDS. The consumer has validated each message against its
 * contract (a malformed one is dead-lettered with the reason before it gets here); a handler
 * hands the payload to its use case, which records the message in the inbox and replies through
 * the outbox in the same transaction as its change. A handler that throws (the database is
 * down) is retried, then dead-lettered by the queue's delivery limit.
 */
export function paymentCommandHandlers(deps: PaymentDeps, log: Log): Registration[] {
  const report = (
    type: string,
    command: ReceivedCommand,
    orderId: string,
    outcome: CommandOutcome<SagaReply>,
  ) => {
    const where = { type, orderId, messageId: command.messageId };
    if (outcome.kind === "duplicate") return log.info(where, "duplicate command ignored");
    const { reply, replayed, conflicting } = outcome;
    if (conflicting)
      log.warn(
        where,
        "command differs from what was recorded for its order; answered from the record",
      );
    const reason = reply.kind === "failed" ? { reason: reply.reason } : {};
    log.info({ ...where, reply: reply.kind, ...reason, replayed }, "command answered");
  };

  return [
    handler(paymentPay, async (message, ctx) => {
      const command = receivedMessage(message, ctx);
      report(
        message.type,
        command,
        message.payload.orderId,
        await payForOrder(deps, message.payload, command),
      );
    }),
    handler(paymentRefund, async (message, ctx) => {
      const command = receivedMessage(message, ctx);
      const { orderId } = message.payload;
      report(message.type, command, orderId, await refundOrder(deps, orderId, command));
    }),
  ];
}

/**
 * Declares the command queue (with its dead-letter queue) and consumes it until the subscription
 * closes; close() stops taking commands and waits for the handlers in flight. `prefetch`: how
 * many commands run at once (each holds a database connection while it runs). `queue` is
 * PAYMENT_COMMANDS; tests pass one of their own with the same bindings.
 */
export function consumePaymentCommands(
  transport: Transport,
  deps: PaymentDeps,
  log: Log,
  options: { prefetch: number; queue?: QueueDefinition },
): Promise<Subscription> {
  const commands = options.queue ?? PAYMENT_COMMANDS;
  return consumeMessages(transport, commands, paymentCommandHandlers(deps, log), {
    log,
    prefetch: options.prefetch,
  });
}
