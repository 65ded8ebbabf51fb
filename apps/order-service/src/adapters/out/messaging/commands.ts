import {
  couponRestore,
  couponUse,
  createMessage,
  orderCancelled,
  orderCompleted,
  orderRefunded,
  paymentRefundPart,
  stockRestock,
  paymentPay,
  paymentRefund,
  stockRelease,
  stockReserve,
  type Envelope,
  type PayloadOf,
} from "@shop/contracts";
import type { Decision, SagaCommand, SagaLogEntry } from "../../../domain/saga";

/*
 * The saga's commands (and its one event) as they go on the wire: each domain command becomes
 * its contract's message, in the order's saga (correlationId = orderId). createMessage parses the
 * payload with the contract's schema, so a command its participant would dead-letter fails here,
 * inside the transaction that would have sent it.
 */

/** Every definition the orchestrator sends, by the domain command's `type`. */
export const COMMAND_DEFINITIONS = {
  "stock.reserve": stockReserve,
  "stock.release": stockRelease,
  "coupon.use": couponUse,
  "coupon.restore": couponRestore,
  "payment.pay": paymentPay,
  "payment.refund": paymentRefund,
  "order.completed": orderCompleted,
  "payment.refund-part": paymentRefundPart,
  "stock.restock": stockRestock,
  "order.cancelled": orderCancelled,
  "order.refunded": orderRefunded,
} as const;

type Definitions = typeof COMMAND_DEFINITIONS;
type CommandOf<T extends SagaCommand["type"]> = Omit<Extract<SagaCommand, { type: T }>, "type">;

/*
 * The domain mirrors the contracts' payloads (saga.ts cannot import them: the domain is pure).
 * These lines fail to compile when the two drift apart, in either direction.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agree = {
  [T in keyof Definitions]: Same<CommandOf<T>, PayloadOf<Definitions[T]>>;
};
const commandsAgree: Agree = {
  "stock.reserve": true,
  "stock.release": true,
  "coupon.use": true,
  "coupon.restore": true,
  "payment.pay": true,
  "payment.refund": true,
  "order.completed": true,
  "payment.refund-part": true,
  "stock.restock": true,
  "order.cancelled": true,
  "order.refunded": true,
};
void commandsAgree;

export interface CommandMessageOptions {
  now: Date;
  /** The reply (or nothing, for the start) that made the saga send it. */
  causationId?: string | undefined;
}

/** The envelope of one domain command; throws if its payload breaks the contract. */
export function commandMessage(command: SagaCommand, options: CommandMessageOptions): Envelope {
  const { type, ...payload } = command;
  const definition = COMMAND_DEFINITIONS[type];
  return createMessage(definition, payload as never, {
    correlationId: command.orderId,
    occurredAt: options.now,
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
  });
}

/**
 * What a decision writes beside its state: the envelopes of its commands and its new log
 * entries, each "command" entry with the id of the message it sent (the domain logs a command
 * as it sends it, so the two are in the same order). The saga inspector links a command to the
 * participant's inbox, the dead letters and the broker by that id.
 */
export function decisionMessages(
  decision: Decision,
  newLog: readonly SagaLogEntry[],
  options: CommandMessageOptions,
): { messages: Envelope[]; log: SagaLogEntry[] } {
  const messages = decision.commands.map((c) => commandMessage(c, options));
  let sent = 0;
  const log = newLog.map((entry) => {
    if (entry.kind !== "command") return entry;
    const message = messages[sent++];
    if (message?.type !== entry.type)
      throw new Error(`saga ${decision.state.orderId}: log and commands disagree`);
    return { ...entry, messageId: message.messageId };
  });
  if (sent !== messages.length)
    throw new Error(`saga ${decision.state.orderId}: a command was not logged`);
  return { messages, log };
}
