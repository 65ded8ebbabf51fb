import type { Envelope } from "@shop/contracts";
import { encodeEnvelope } from "./envelope";
import { PublishError, TopologyError, type PublishFailure } from "./errors";
import { routingKeys, type DeadLetterQueue, type QueueDefinition } from "./topology";
import {
  DEAD_DETAIL_HEADER,
  DEAD_QUEUE_HEADER,
  DEAD_REASON_HEADER,
  retry,
  type ConsumeOptions,
  type Delivery,
  type DeliveryHandler,
  type Disposition,
  type Subscription,
  type Transport,
} from "./transport";

/*
 * The broker's semantics in one process, for use-case tests and the embedded shop: routing by
 * type, competing consumers in turn with a prefetch, redelivery up to the delivery limit, then
 * the dead-letter queue with the same headers RabbitMQ writes. Messages live in memory only: a
 * process restart loses them (the outbox in the database is what survives a restart).
 */

interface StoredMessage {
  body: Buffer;
  headers: Record<string, unknown>;
  routingKey: string;
  /** Deliveries that ended without an ack (RabbitMQ's x-delivery-count). */
  returns: number;
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

  async declare(queues: readonly QueueDefinition[]): Promise<void> {
    for (const q of queues) this.declareQueue(q);
  }

  async publish(envelopes: readonly Envelope[]): Promise<void> {
    const failures: PublishFailure[] = [];
    for (const envelope of envelopes) {
      if (!this.route(envelope.type, encodeEnvelope(envelope), {}))
        failures.push({
          messageId: envelope.messageId,
          reason: "unroutable",
          detail: `no queue is bound to ${envelope.type}`,
        });
    }
    if (failures.length) throw new PublishError(failures);
  }

  /** Publishes bytes as they are (tests and tools: a broken publisher's message). */
  async publishRaw(routingKey: string, body: Buffer, headers: Record<string, unknown> = {}) {
    if (!this.route(routingKey, body, headers))
      throw new PublishError([{ messageId: "", reason: "unroutable", detail: routingKey }]);
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
        await Promise.allSettled([...consumer.inFlight]);
        this.dispatch(state); // a competing consumer takes over what is left
      },
    };
    this.subscriptions.add(subscription);
    this.dispatch(state);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  async depth(queue: QueueDefinition | DeadLetterQueue): Promise<number> {
    const state = this.queues.get(queue.name);
    if (!state) throw new TopologyError(`Queue "${queue.name}" is not declared`);
    return state.ready.length;
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

  /** Copies the message to every bound queue; false when none is bound. */
  private route(routingKey: string, body: Buffer, headers: Record<string, unknown>): boolean {
    const bound = [...(this.bindings.get(routingKey) ?? [])];
    for (const name of bound) {
      const state = this.queues.get(name);
      if (!state) continue;
      state.ready.push({ body, headers: { ...headers }, routingKey, returns: 0 });
      this.dispatch(state);
    }
    return bound.length > 0;
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
    if (disposition.outcome === "ack") return;
    if (disposition.outcome === "dead-letter" && state.deadLetter) {
      this.toDeadLetter(state, {
        ...message,
        headers: {
          ...message.headers,
          [DEAD_REASON_HEADER]: disposition.reason,
          [DEAD_DETAIL_HEADER]: disposition.detail,
          [DEAD_QUEUE_HEADER]: state.name,
        },
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
    state.ready.push(message);
  }

  private toDeadLetter(state: QueueState, message: StoredMessage): void {
    const target = state.deadLetter ? this.queues.get(state.deadLetter) : undefined;
    if (!target) return;
    target.ready.push({ ...message, returns: 0 });
    this.dispatch(target);
  }
}
