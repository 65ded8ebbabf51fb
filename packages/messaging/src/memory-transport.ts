import type { Envelope } from "@shop/contracts";
import { encodeEnvelope } from "./envelope";
import { PublishError, TopologyError, type PublishFailure } from "./errors";
import { PendingConfirms, type MessageConfirm } from "./memory-confirms";
import { routingKeys, type DeadLetterQueue, type QueueDefinition } from "./topology";
import {
  deadLetterHeaders,
  retry,
  type ConsumeOptions,
  type Delivery,
  type DeliveryHandler,
  type Disposition,
  type QueueStats,
  type RawMessage,
  type Subscription,
  type Transport,
} from "./transport";

/*
 * The broker's semantics in one process, for use-case tests and the embedded shop: routing by
 * type, competing consumers in turn with a prefetch, redelivery up to the delivery limit, then
 * the dead-letter queue with the same headers RabbitMQ writes. Messages live in memory only: a
 * process restart loses them (the outbox in the database is what survives a restart, as long
 * as its rows are marked sent only once a message is safe: see `confirm`).
 */

export interface InMemoryTransportOptions {
  /**
   * When publish() resolves, i.e. what the outbox relay takes as "durably accepted":
   * - "queued" (the default): once every copy is in its queue. For use-case tests, which
   *   publish first and consume after; a crash loses what no consumer has settled yet.
   * - "settled": once a consumer has settled every copy (acked, or dead-lettered, at once or by
   *   the delivery limit). For a process whose only broker this is (the embedded host). A copy
   *   no consumer holds (its queue has none, or its last one closes first) fails its message
   *   with "rejected" and leaves the queue, so the outbox keeps the row and sends it again.
   *   A handler that throws or retries without end cannot hold the relay forever: the queue's
   *   delivery limit dead-letters the copy, which settles it. (One that never returns holds it,
   *   as it holds its consumer's prefetch slot.)
   */
  confirm?: "queued" | "settled";
}

interface StoredMessage {
  body: Buffer;
  headers: Record<string, unknown>;
  routingKey: string;
  /** Deliveries that ended without an ack (RabbitMQ's x-delivery-count). */
  returns: number;
  /** "settled" mode: the publisher waiting for this copy. Never carried into a dead-letter queue. */
  confirm?: MessageConfirm | undefined;
}

interface ConsumerState {
  handler: DeliveryHandler;
  prefetch: number;
  inFlight: Set<Promise<void>>;
  closed: boolean;
}

interface QueueState {
  name: string;
  /** Undefined for a dead-letter queue: it keeps what it gets. */
  deliveryLimit: number | undefined;
  deadLetter: string | undefined;
  ready: StoredMessage[];
  consumers: ConsumerState[];
  /** Round-robin position among the consumers. */
  turn: number;
}

export class InMemoryTransport implements Transport {
  private readonly queues = new Map<string, QueueState>();
  /** Routing key (message type) -> names of the queues bound to it. */
  private readonly bindings = new Map<string, Set<string>>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly confirmMode: "queued" | "settled";
  private readonly confirms = new PendingConfirms();

  constructor(options: InMemoryTransportOptions = {}) {
    this.confirmMode = options.confirm ?? "queued";
  }

  async declare(queues: readonly QueueDefinition[]): Promise<void> {
    for (const q of queues) this.declareQueue(q);
  }

  async publish(envelopes: readonly Envelope[]): Promise<void> {
    // Every message is routed before any outcome is awaited: pipelined, as on RabbitMQ.
    const outcomes = envelopes.map((envelope) => this.route(envelope));
    const failures = (await Promise.all(outcomes)).filter((f) => f !== undefined);
    if (failures.length) throw new PublishError(failures);
  }

  /**
   * Publishes bytes as they are (tests and tools: a broken publisher's message). Resolves once
   * queued in either mode: without a message id there is no failure to name.
   */
  async publishRaw(routingKey: string, body: Buffer, headers: Record<string, unknown> = {}) {
    const queues = this.boundQueues(routingKey);
    if (queues.length === 0)
      throw new PublishError([{ messageId: "", reason: "unroutable", detail: routingKey }]);
    for (const state of queues)
      this.enqueue(state, { body, headers: { ...headers }, routingKey, returns: 0 });
  }

  async consume(
    queue: QueueDefinition | DeadLetterQueue,
    handler: DeliveryHandler,
    options: ConsumeOptions,
  ): Promise<Subscription> {
    const state = queue.kind === "queue" ? this.declareQueue(queue) : this.queues.get(queue.name);
    if (!state) throw new TopologyError(`Queue "${queue.name}" is not declared`);
    const consumer: ConsumerState = {
      handler,
      prefetch: Math.max(1, options.prefetch),
      inFlight: new Set(),
      closed: false,
    };
    state.consumers.push(consumer);
    const subscription: Subscription = {
      close: async () => {
        if (consumer.closed) return;
        consumer.closed = true;
        state.consumers = state.consumers.filter((c) => c !== consumer);
        this.subscriptions.delete(subscription);
        this.dropUnheld(state);
        await Promise.allSettled([...consumer.inFlight]);
        this.dispatch(state); // a competing consumer takes over what is left
        this.dropUnheld(state); // or, if none is left, what the handlers in flight retried
      },
    };
    this.subscriptions.add(subscription);
    this.dispatch(state);
    return subscription;
  }

  async close(): Promise<void> {
    // Publishers are answered before the handlers in flight are waited for, so a slow or stuck
    // handler never holds a relay's batch past close. Failing a confirm is always safe: the row
    // stays unsent and is sent again.
    this.confirms.failAll("the transport closed before a consumer settled it");
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  async stats(queue: QueueDefinition | DeadLetterQueue): Promise<QueueStats> {
    const state = this.queues.get(queue.name);
    if (!state) throw new TopologyError(`Queue "${queue.name}" is not declared`);
    return { messages: state.ready.length, consumers: state.consumers.length };
  }

  async sendToQueue(queue: QueueDefinition, message: RawMessage): Promise<void> {
    const state = this.queues.get(queue.name);
    if (!state)
      throw new PublishError([
        { messageId: message.messageId, reason: "unroutable", detail: `no queue ${queue.name}` },
      ]);
    const confirm =
      this.confirmMode === "settled" ? this.confirms.open(message.messageId, 1) : undefined;
    this.enqueue(state, {
      body: message.body,
      headers: { ...message.headers },
      routingKey: queue.name,
      returns: 0,
      confirm,
    });
    const failure = await confirm?.outcome;
    if (failure) throw new PublishError([failure]);
  }

  private declareQueue(q: QueueDefinition): QueueState {
    const existing = this.queues.get(q.name);
    // RabbitMQ refuses a redeclaration with other arguments (PRECONDITION_FAILED): so do we.
    if (existing && existing.deliveryLimit !== q.deliveryLimit)
      throw new TopologyError(
        `Queue "${q.name}" is declared with delivery limit ${existing.deliveryLimit}, not ${q.deliveryLimit}`,
      );
    const state = existing ?? this.newQueue(q.name, q.deliveryLimit, q.deadLetter.name);
    if (!this.queues.has(q.deadLetter.name)) this.newQueue(q.deadLetter.name, undefined, undefined);
    for (const key of routingKeys(q)) {
      const bound = this.bindings.get(key) ?? new Set<string>();
      bound.add(q.name);
      this.bindings.set(key, bound);
    }
    return state;
  }

  private newQueue(
    name: string,
    deliveryLimit: number | undefined,
    deadLetter: string | undefined,
  ) {
    const state: QueueState = {
      name,
      deliveryLimit,
      deadLetter,
      ready: [],
      consumers: [],
      turn: 0,
    };
    this.queues.set(name, state);
    return state;
  }

  /** Copies the message to every bound queue; what it answers is the message's outcome. */
  private route(
    envelope: Envelope,
  ): PublishFailure | Promise<PublishFailure | undefined> | undefined {
    const queues = this.boundQueues(envelope.type);
    if (queues.length === 0)
      return {
        messageId: envelope.messageId,
        reason: "unroutable",
        detail: `no queue is bound to ${envelope.type}`,
      };
    const confirm =
      this.confirmMode === "settled"
        ? this.confirms.open(envelope.messageId, queues.length)
        : undefined;
    const body = encodeEnvelope(envelope);
    for (const state of queues)
      this.enqueue(state, { body, headers: {}, routingKey: envelope.type, returns: 0, confirm });
    return confirm?.outcome;
  }

  /** The queues a message of this type is copied to; none means unroutable. */
  private boundQueues(routingKey: string): QueueState[] {
    return [...(this.bindings.get(routingKey) ?? [])]
      .map((name) => this.queues.get(name))
      .filter((state) => state !== undefined);
  }

  /** One copy into its queue, unless it waits for a confirm and no consumer is there to give it. */
  private enqueue(state: QueueState, message: StoredMessage): void {
    if (message.confirm && state.consumers.length === 0) {
      message.confirm.failed(`queue "${state.name}" has no consumer`);
      return;
    }
    state.ready.push(message);
    this.dispatch(state);
  }

  /**
   * Once a queue's last consumer has gone, the copies waiting there for a confirm are held by no
   * one: they fail their message and leave the queue (the publisher sends them again).
   */
  private dropUnheld(state: QueueState): void {
    if (state.consumers.length > 0) return;
    state.ready = state.ready.filter((message) => {
      message.confirm?.failed(`queue "${state.name}" lost its last consumer`);
      return message.confirm === undefined;
    });
  }

  /** Hands waiting messages to consumers with room, in turn. */
  private dispatch(state: QueueState): void {
    while (state.ready.length > 0) {
      const consumer = this.nextConsumer(state);
      if (!consumer) return;
      const message = state.ready.shift() as StoredMessage;
      const run = this.deliver(state, consumer, message);
      consumer.inFlight.add(run);
      void run.finally(() => {
        consumer.inFlight.delete(run);
        this.dispatch(state);
      });
    }
  }

  private nextConsumer(state: QueueState): ConsumerState | undefined {
    const n = state.consumers.length;
    for (let i = 0; i < n; i++) {
      const candidate = state.consumers[(state.turn + i) % n];
      if (candidate && !candidate.closed && candidate.inFlight.size < candidate.prefetch) {
        state.turn = (state.turn + i + 1) % n;
        return candidate;
      }
    }
    return undefined;
  }

  private async deliver(state: QueueState, consumer: ConsumerState, message: StoredMessage) {
    // Like a broker, deliver after the publisher's call has returned, never inside it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const delivery: Delivery = {
      body: message.body,
      headers: message.headers,
      deliveryCount: message.returns + 1,
    };
    let disposition: Disposition;
    try {
      disposition = await consumer.handler(delivery);
    } catch {
      disposition = retry;
    }
    this.settle(state, message, disposition);
  }

  private settle(state: QueueState, message: StoredMessage, disposition: Disposition): void {
    if (disposition.outcome === "ack") {
      message.confirm?.settled();
      return;
    }
    if (disposition.outcome === "dead-letter" && state.deadLetter) {
      this.toDeadLetter(state, {
        ...message,
        headers: deadLetterHeaders(message.headers, disposition, state.name),
      });
      return;
    }
    message.returns += 1;
    if (state.deliveryLimit !== undefined && message.returns > state.deliveryLimit) {
      // The headers RabbitMQ's dead-lettering adds, so readers see one shape in both.
      this.toDeadLetter(state, {
        ...message,
        headers: {
          ...message.headers,
          "x-death": [
            {
              count: 1,
              time: new Date(),
              reason: "delivery_limit",
              queue: state.name,
              "routing-keys": [message.routingKey],
            },
          ],
          "x-first-death-reason": "delivery_limit",
          "x-first-death-queue": state.name,
        },
      });
      return;
    }
    // Not settled: the confirm waits for the redelivery's outcome.
    state.ready.push(message);
    this.dropUnheld(state);
  }

  /** Reaching the dead-letter queue settles the copy: it is kept there, not lost. */
  private toDeadLetter(state: QueueState, message: StoredMessage): void {
    const target = state.deadLetter ? this.queues.get(state.deadLetter) : undefined;
    if (!target) {
      message.confirm?.failed(`queue "${state.name}" has no dead-letter queue`);
      return;
    }
    target.ready.push({ ...message, returns: 0, confirm: undefined });
    this.dispatch(target);
    message.confirm?.settled();
  }
}
