import { messageKey, type MessageDefinition, type MessageOf } from "@shop/contracts";
import { decodeEnvelope } from "./envelope";
import { HandlerRegistrationError } from "./errors";
import type { Log } from "./log";
import type { QueueDefinition } from "./topology";
import { SAGA_ID } from "@shop/service-kit/trace-context";
import { consumeTraced, markFailed } from "./tracing";
import type { ReceivedMessage } from "@shop/kernel";
import {
  ack,
  deadLetter,
  retry,
  type Disposition,
  type Subscription,
  type Transport,
} from "./transport";

/*
 * How a service consumes: typed handlers for exactly the message types its queue is bound to.
 * Every delivery is decoded and validated first; a message that can never be handled (not
 * JSON, not an envelope, unknown type or version, payload off its schema) is dead-lettered at
 * once with the reason, without reaching a handler. A handler that throws is retried after a
 * growing delay, and dead-lettered by the queue's delivery limit; the consumer goes on.
 */

export interface HandlerContext {
  /** The queue consumed: the inbox's consumer name, so two queues of a service never clash. */
  readonly queue: string;
  /** What the use case records of the message: its inbox key (this queue) and its saga. */
  readonly received: ReceivedMessage;
  /** 1 the first time; more means an earlier attempt failed or was cut off. */
  readonly deliveryCount: number;
  /** Aborted when the subscription closes. */
  readonly signal: AbortSignal;
}

/**
 * Hands a message to its use case. It may answer:
 * - nothing, or the use case's outcome (`{ duplicate: true }` for a redelivery the inbox caught),
 *   logged at debug: the message is acked;
 * - `deadLetter(reason, detail)`, for a message valid against its contract that can still never
 *   be handled (a reply to another saga's step): it goes to the dead-letter queue with the reason.
 * A handler that throws is retried (see consumeMessages).
 */
export type MessageHandler<D extends MessageDefinition> = (
  message: MessageOf<D>,
  context: HandlerContext,
) => Promise<unknown>;

export interface Registration {
  readonly definition: MessageDefinition;
  readonly handle: (
    message: MessageOf<MessageDefinition>,
    context: HandlerContext,
  ) => Promise<unknown>;
}

/** Pairs a definition with its handler; the handler gets the payload typed by the definition. */
export function handler<D extends MessageDefinition>(
  definition: D,
  handle: MessageHandler<D>,
): Registration {
  return { definition, handle: handle as Registration["handle"] };
}

export interface ConsumeMessagesOptions {
  log: Log;
  /** Unsettled messages per consumer; also how many handlers run at once. Default 10. */
  prefetch?: number;
  /**
   * Wait before a failed message goes back to the queue, by its delivery count. The broker
   * redelivers at once, so without a delay a short outage (a database restart) would use up
   * the delivery limit in milliseconds. Default 200 ms doubling, at most 5 s.
   */
  retryDelayMs?: (deliveryCount: number) => number;
}

export const defaultRetryDelayMs = (deliveryCount: number) =>
  Math.min(5_000, 200 * 2 ** (deliveryCount - 1));

export async function consumeMessages(
  transport: Transport,
  queue: QueueDefinition,
  handlers: readonly Registration[],
  options: ConsumeMessagesOptions,
): Promise<Subscription> {
  const registry = registryFor(queue, handlers);
  const types = new Set(queue.bindings.map((b) => b.type));
  const { log } = options;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const stopping = new AbortController();

  const subscription = await transport.consume(
    queue,
    async (delivery) => {
      const decoded = decodeEnvelope(
        delivery.body,
        (type, version) => registry.get(messageKey({ type, version }))?.definition,
        (type) => types.has(type),
      );
      if (!decoded.ok) {
        log.warn(
          { queue: queue.name, reason: decoded.reason, detail: decoded.detail },
          "dead-lettering a message that cannot be handled",
        );
        return deadLetter(decoded.reason, decoded.detail);
      }
      const { message, definition } = decoded;
      const registration = registry.get(messageKey(definition)) as Registration;
      const received = {
        consumer: queue.name,
        messageId: message.messageId,
        correlationId: message.correlationId,
      };
      // The saga's id under the name spans give it: with tracing off too, one field finds a
      // saga's lines across every service (with it on, the logger's mixin agrees).
      const logged = {
        queue: queue.name,
        type: message.type,
        messageId: message.messageId,
        correlationId: message.correlationId,
        [SAGA_ID]: message.correlationId,
      };
      const context = {
        queue: queue.name,
        received,
        deliveryCount: delivery.deliveryCount,
        signal: stopping.signal,
      };
      // The handler, its log lines and the messages it sends, in the message's CONSUMER span.
      return consumeTraced(queue.name, message, delivery.deliveryCount, async () => {
        try {
          const outcome = await registration.handle(
            message as MessageOf<MessageDefinition>,
            context,
          );
          if (isDeadLetter(outcome)) {
            markFailed(`dead-lettered: ${outcome.reason}`);
            log.warn({ ...logged, reason: outcome.reason }, `dead-lettering: ${outcome.detail}`);
            return outcome;
          }
          // Debug, not info: a line per message is real CPU on the checkout's path.
          log.debug({ ...logged, ...describe(outcome) }, "message handled");
          return ack;
        } catch (err) {
          const last = delivery.deliveryCount > queue.deliveryLimit;
          log.error(
            { err, ...logged, deliveryCount: delivery.deliveryCount },
            last
              ? "handler failed for the last time; dead-lettering"
              : "handler failed; will retry",
          );
          markFailed(err as Error);
          if (!last) await abortableDelay(retryDelayMs(delivery.deliveryCount), stopping.signal);
          return retry;
        }
      });
    },
    { prefetch: options.prefetch ?? 10 },
  );

  return {
    close: async () => {
      stopping.abort();
      await subscription.close();
    },
  };
}

/** One handler per binding of the queue, no more and no less: a gap would dead-letter valid messages. */
function registryFor(queue: QueueDefinition, handlers: readonly Registration[]) {
  const bound = new Set(queue.bindings.map(messageKey));
  const registry = new Map<string, Registration>();
  for (const h of handlers) {
    const key = messageKey(h.definition);
    if (registry.has(key))
      throw new HandlerRegistrationError(`Two handlers for ${key} on queue "${queue.name}"`);
    if (!bound.has(key))
      throw new HandlerRegistrationError(`Queue "${queue.name}" is not bound to ${key}`);
    registry.set(key, h);
  }
  const missing = [...bound].filter((k) => !registry.has(k));
  if (missing.length)
    throw new HandlerRegistrationError(
      `Queue "${queue.name}" has no handler for ${missing.join(", ")}`,
    );
  return registry;
}

const isDeadLetter = (outcome: unknown): outcome is Disposition & { outcome: "dead-letter" } =>
  typeof outcome === "object" &&
  outcome !== null &&
  (outcome as Partial<Disposition>).outcome === "dead-letter";

/** The flat facts of a use case's outcome (a duplicate, a reply's kind), for the log line. */
function describe(outcome: unknown): Record<string, unknown> {
  if (typeof outcome !== "object" || outcome === null) return {};
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outcome))
    if (typeof value !== "object") facts[key] = value;
  const reply = (outcome as { reply?: { kind?: unknown } }).reply;
  if (reply && typeof reply.kind === "string") facts.reply = reply.kind;
  return facts;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
