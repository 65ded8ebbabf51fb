import { messageKey } from "@shop/contracts";
import {
  ack,
  deadLetter,
  decodeEnvelope,
  defaultRetryDelayMs,
  queue,
  retry,
  type Log,
  type QueueDefinition,
  type Subscription,
  type Transport,
} from "@shop/messaging";
import { handleReply } from "../../../application/handle-reply";
import type { OrderDeps } from "../../../application/ports";
import { REPLY_DEFINITIONS, sagaReplyOf } from "./replies";

/**
 * The queue every participant's reply arrives on (durable, quorum, with a delivery limit and its
 * own dead-letter queue). Several instances consume it as competing consumers: the saga store's
 * versioned save keeps them apart.
 */
export const ORDER_REPLIES = queue("order-service.replies", {
  bindings: Object.values(REPLY_DEFINITIONS),
});

const definitions = new Map<string, (typeof REPLY_DEFINITIONS)[keyof typeof REPLY_DEFINITIONS]>(
  Object.values(REPLY_DEFINITIONS).map((d) => [messageKey(d), d]),
);

/**
 * Consumes the replies until the subscription closes: each delivery is decoded, checked
 * (sagaReplyOf: its contract and its saga; a reply that can never be handled is dead-lettered
 * with the reason) and handed to handleReply with the inbox key `{ consumer: queue, messageId }`.
 * A reply that throws (the database is down, a save stale 20 times) goes back to the queue after
 * a growing delay and is dead-lettered by the queue's delivery limit. `queue` is ORDER_REPLIES;
 * tests pass one of their own with the same bindings.
 */
export async function consumeReplies(
  transport: Transport,
  deps: OrderDeps,
  log: Log,
  options: {
    prefetch: number;
    queue?: QueueDefinition;
    retryDelayMs?: (deliveryCount: number) => number;
  },
): Promise<Subscription> {
  const replies = options.queue ?? ORDER_REPLIES;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const stopping = new AbortController();
  const subscription = await transport.consume(
    replies,
    async (delivery) => {
      const decoded = decodeEnvelope(delivery.body, (type, version) =>
        definitions.get(messageKey({ type, version })),
      );
      if (!decoded.ok) {
        log.warn(
          { queue: replies.name, reason: decoded.reason, detail: decoded.detail },
          "dead-lettering a reply that cannot be handled",
        );
        return deadLetter(decoded.reason, decoded.detail);
      }
      const { message } = decoded;
      const where = {
        queue: replies.name,
        type: message.type,
        messageId: message.messageId,
        orderId: message.correlationId,
      };
      const parsed = sagaReplyOf(message);
      if (!parsed.ok) {
        log.warn({ ...where, detail: parsed.reason }, "dead-lettering an invalid saga reply");
        return deadLetter("invalid_reply", parsed.reason);
      }
      try {
        const outcome = await handleReply(deps, parsed.reply, {
          consumer: replies.name,
          messageId: message.messageId,
        });
        if (outcome.kind === "unknown-order") log.warn(where, "reply for an unknown order ignored");
        else if (outcome.kind === "duplicate") log.info(where, "duplicate reply ignored");
        else log.debug({ ...where, attempts: outcome.attempts }, "reply applied");
        return ack;
      } catch (err) {
        const last = delivery.deliveryCount > replies.deliveryLimit;
        log.error(
          { ...where, err, deliveryCount: delivery.deliveryCount },
          last ? "reply failed for the last time; dead-lettering" : "reply failed; will retry",
        );
        if (!last) await abortableDelay(retryDelayMs(delivery.deliveryCount), stopping.signal);
        return retry;
      }
    },
    { prefetch: options.prefetch },
  );
  return {
    close: async () => {
      stopping.abort();
      await subscription.close();
    },
  };
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
