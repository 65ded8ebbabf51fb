import { messageKey, type MessageDefinition, type QueueContract } from "@shop/contracts";
import { TopologyError } from "./errors";

/*
 * Queues are declared in code, once, next to the handlers that consume them; services never
 * write a queue or exchange name as a string elsewhere. Every queue is bound to one topic
 * exchange with routing key = message type, so a publisher needs to know only the type.
 */

/** The one topic exchange of the shop. Tests pass their own, so parallel runs cannot mix. */
export const SHOP_EXCHANGE = "shop";

/**
 * Failed deliveries before a message is dead-lettered (the broker delivers it limit + 1 times).
 * Five covers a transient failure (a deadlock, a restarting database) with the consumer's retry
 * delay between attempts, without holding a poison message for long.
 */
export const DEFAULT_DELIVERY_LIMIT = 5;

/** "<service>.<purpose>", lowercase: "payment-service.commands". */
const QUEUE_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;
const DEAD_LETTER_SUFFIX = ".dlq";

/** Where a queue's rejected and exhausted messages end up, with the reason in their headers. */
export interface DeadLetterQueue {
  readonly kind: "dead-letter";
  readonly name: string;
  /** The queue whose messages land here. */
  readonly of: string;
}

export interface QueueDefinition {
  readonly kind: "queue";
  readonly name: string;
  /** The message definitions this queue receives; its consumer must handle exactly these. */
  readonly bindings: readonly MessageDefinition[];
  readonly deliveryLimit: number;
  readonly deadLetter: DeadLetterQueue;
}

export interface QueueOptions {
  bindings: readonly MessageDefinition[];
  deliveryLimit?: number;
}

export function queue(name: string, options: QueueOptions): QueueDefinition {
  if (!QUEUE_NAME.test(name) || name.endsWith(DEAD_LETTER_SUFFIX))
    throw new TopologyError(`Queue name "${name}" is not "<service>.<purpose>" in lowercase`);
  const deliveryLimit = options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
  if (!Number.isInteger(deliveryLimit) || deliveryLimit < 0)
    throw new TopologyError(`Queue "${name}": delivery limit must be an integer >= 0`);
  if (options.bindings.length === 0)
    throw new TopologyError(`Queue "${name}" is bound to no message type`);
  const keys = options.bindings.map(messageKey);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate) throw new TopologyError(`Queue "${name}" binds ${duplicate} twice`);
  return Object.freeze({
    kind: "queue",
    name,
    bindings: Object.freeze([...options.bindings]),
    deliveryLimit,
    deadLetter: Object.freeze({ kind: "dead-letter", name: name + DEAD_LETTER_SUFFIX, of: name }),
  });
}

/**
 * A queue of the contracts (name and messages), declared: quorum, delivery limit, dead-letter
 * queue. `name`: tests consume a queue of their own with the same bindings.
 */
export function queueFor(
  contract: QueueContract,
  options: { name?: string; deliveryLimit?: number } = {},
): QueueDefinition {
  return queue(options.name ?? contract.name, {
    bindings: contract.messages,
    ...(options.deliveryLimit === undefined ? {} : { deliveryLimit: options.deliveryLimit }),
  });
}

/** The queue's routing keys: its distinct message types (versions of a type share one key). */
export const routingKeys = (q: QueueDefinition): string[] => [
  ...new Set(q.bindings.map((b) => b.type)),
];
