import { randomUUID } from "node:crypto";
import type { Envelope } from "@shop/contracts";
import type { DeadLetterQueue, QueueDefinition } from "./topology";

/*
 * The port every service talks to: RabbitMQ in production (rabbit-transport.ts), in memory for
 * use-case tests and the embedded shop (memory-transport.ts). Both are held to one contract
 * test suite (test/transport-contract.ts), so the fake cannot drift from the broker.
 *
 * Guarantees (both adapters):
 * - publish() routes each envelope by its type to every queue bound to that type, and
 *   resolves only when every message is durably accepted (publisher confirms). A message no
 *   queue is bound to is a failure ("unroutable"), never a silent drop. In memory nothing is
 *   durable: InMemoryTransport's `confirm: "settled"` waits until a consumer settled every copy
 *   (the embedded host); its default, "queued", only until they are queued (use-case tests).
 * - Delivery is at least once: a message is removed only when its handler settles it.
 * - Consumers of one queue compete: each message goes to one of them, in turn, with at most
 *   `prefetch` unsettled messages per consumer.
 * - "retry" (or a handler that throws) returns the message to the queue; after the queue's
 *   delivery limit it is dead-lettered with x-death reason "delivery_limit".
 * - "dead-letter" moves the message to the queue's dead-letter queue at once, with the reason
 *   in its headers (DEAD_REASON_HEADER), and the consumer goes on.
 * No ordering is promised between messages: redeliveries and competing consumers reorder.
 */

export interface Delivery {
  /** The bytes as published: an envelope's JSON, or whatever a broken publisher sent. */
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, unknown>>;
  /** 1 on the first delivery, one more for each earlier delivery that was not acknowledged. */
  readonly deliveryCount: number;
}

export type Disposition =
  | { readonly outcome: "ack" }
  | { readonly outcome: "retry" }
  | { readonly outcome: "dead-letter"; readonly reason: string; readonly detail: string };

export const ack: Disposition = Object.freeze({ outcome: "ack" });
export const retry: Disposition = Object.freeze({ outcome: "retry" });
export const deadLetter = (reason: string, detail: string): Disposition =>
  Object.freeze({ outcome: "dead-letter", reason, detail });

/** A handler that throws is treated as "retry". */
export type DeliveryHandler = (delivery: Delivery) => Promise<Disposition>;

export interface QueueStats {
  readonly messages: number;
  readonly consumers: number;
}

export interface RawMessage {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, unknown>>;
  /** Names the message in the broker's confirm or return (the dead letter's id on a replay). */
  readonly messageId: string;
}

export interface ConsumeOptions {
  /** Unsettled messages this consumer holds at most (RabbitMQ's prefetch count). */
  prefetch: number;
}

export interface Subscription {
  /** Stops taking messages and waits for the handlers in flight; unsettled ones are redelivered. */
  close(): Promise<void>;
}

export interface Transport {
  /**
   * Declares the exchanges, the queues with their bindings and their dead-letter queues.
   * Idempotent; every adapter declares a queue with the same arguments wherever it does.
   */
  declare(queues: readonly QueueDefinition[]): Promise<void>;
  /**
   * Publishes a batch, pipelined, and resolves when all are confirmed. Throws PublishError
   * naming the messages that were not; the others were published.
   */
  publish(envelopes: readonly Envelope[]): Promise<void>;
  /** Declares the queue (as declare() does) and consumes it until the subscription closes. */
  consume(
    queue: QueueDefinition | DeadLetterQueue,
    handler: DeliveryHandler,
    options: ConsumeOptions,
  ): Promise<Subscription>;
  /**
   * The broker's own figures for a queue (a passive declare on RabbitMQ, which never creates
   * it): the messages waiting, not yet delivered to a consumer (those a consumer holds unsettled
   * are not counted), and the consumers attached, from every process.
   */
  stats(queue: QueueDefinition | DeadLetterQueue): Promise<QueueStats>;
  /**
   * Puts bytes into one queue, bypassing the routing by type (an operator's replay of a dead
   * letter goes back to the one queue it came from, not to every queue bound to its type).
   * Resolves once the broker confirmed it; rejects if the queue does not exist.
   */
  sendToQueue(queue: QueueDefinition, message: RawMessage): Promise<void>;
  /** Closes every subscription, then the connection. */
  close(): Promise<void>;
}

/** Why a message was dead-lettered by a consumer ("invalid_payload", ...). */
export const DEAD_REASON_HEADER = "x-shop-dead-reason";
/** The human-readable detail (which field failed, which type is unknown). */
export const DEAD_DETAIL_HEADER = "x-shop-dead-detail";
/** The queue the message was dead-lettered from. */
export const DEAD_QUEUE_HEADER = "x-shop-dead-queue";
/**
 * A consumer's dead-lettering's own id: a redelivery of that copy from the dead-letter queue
 * keeps it, so draining it twice records it once.
 */
export const DEAD_ID_HEADER = "x-shop-dead-id";
/** When a consumer dead-lettered it (ISO 8601). */
export const DEAD_AT_HEADER = "x-shop-dead-at";

export interface DeadLetterInfo {
  /** A consumer's reason, or the broker's ("delivery_limit", "rejected", "expired"). */
  reason: string;
  detail?: string;
  queue?: string;
}

/** Why a message in a dead-letter queue is there, whoever put it there. */
export function deadLetterInfo(delivery: Pick<Delivery, "headers">): DeadLetterInfo | undefined {
  const h = delivery.headers;
  const own = h[DEAD_REASON_HEADER];
  if (typeof own === "string") {
    return {
      reason: own,
      ...(typeof h[DEAD_DETAIL_HEADER] === "string" ? { detail: h[DEAD_DETAIL_HEADER] } : {}),
      ...(typeof h[DEAD_QUEUE_HEADER] === "string" ? { queue: h[DEAD_QUEUE_HEADER] } : {}),
    };
  }
  const deaths = h["x-death"];
  const first = Array.isArray(deaths)
    ? (deaths[0] as Record<string, unknown> | undefined)
    : undefined;
  if (first && typeof first.reason === "string")
    return {
      reason: first.reason,
      ...(typeof first.queue === "string" ? { queue: first.queue } : {}),
    };
  return undefined;
}

/**
 * The headers a consumer's dead-lettering adds to the message's own (both transports write
 * these, so the drain reads one shape): the reason, a fresh id and the time.
 */
export function deadLetterHeaders(
  headers: Readonly<Record<string, unknown>>,
  disposition: { reason: string; detail: string },
  queue: string,
): Record<string, unknown> {
  return {
    ...headers,
    [DEAD_REASON_HEADER]: disposition.reason,
    [DEAD_DETAIL_HEADER]: disposition.detail,
    [DEAD_QUEUE_HEADER]: queue,
    [DEAD_ID_HEADER]: randomUUID(),
    [DEAD_AT_HEADER]: new Date().toISOString(),
  };
}
