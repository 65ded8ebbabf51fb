import type { Envelope } from "@shop/contracts";
import {
  Connection,
  ConsumerStatus,
  type AsyncMessage,
  type Cmd,
  type Consumer,
  type Envelope as AmqpEnvelope,
  type MethodParams,
  type Publisher,
} from "rabbitmq-client";
import { encodeEnvelope } from "./envelope";
import { PublishError, type PublishFailure } from "./errors";
import type { Log } from "./log";
import { routingKeys, SHOP_EXCHANGE, type DeadLetterQueue, type QueueDefinition } from "./topology";
import {
  deadLetterHeaders,
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
 * The production adapter, on rabbitmq-client: one Connection (it reconnects by itself), one
 * confirm-mode Publisher, one Consumer (own channel) per subscription. Everything a consumer
 * or the publisher needs is redeclared by the library after a reconnect, from the same
 * parameters built here, so a queue is always declared with identical arguments (anything
 * else fails the channel with PRECONDITION_FAILED).
 */

export interface RabbitTransportOptions {
  /** amqp://user:password@host:port/vhost */
  url: string;
  log: Log;
  /** The topic exchange; only tests change it, so parallel runs cannot see each other. */
  exchange?: string;
  /** Shown in the broker's connection list: the service's name. */
  connectionName?: string;
  /** Reconnect backoff, ms (step and ceiling). Shorter than the library's 1 s / 30 s. */
  retryLow?: number;
  retryHigh?: number;
}

type QueueDeclaration = MethodParams[Cmd.QueueDeclare] & { queue: string };

/**
 * JSON, said with its charset: rabbitmq-client JSON.parses a delivery whose content type is
 * exactly "application/json", and the consumer needs the bytes (bodyBytes would stringify the
 * object again, and decodeEnvelope parse it a third time). With the parameter the library hands
 * the bytes over as they are: measured, a parse and a stringify fewer per delivery, in every
 * consumer.
 */
export const ENVELOPE_CONTENT_TYPE = "application/json; charset=utf-8";

export class RabbitTransport implements Transport {
  readonly connection: Connection;
  readonly exchange: string;
  /** Direct exchange; each dead-letter queue is bound to it with its queue's name. */
  readonly deadLetterExchange: string;
  private readonly log: Log;
  private readonly publisher: Publisher;
  /** Message ids the broker returned as unroutable; a return always precedes its confirm. */
  private readonly returned = new Set<string>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: RabbitTransportOptions) {
    this.log = options.log;
    this.exchange = options.exchange ?? SHOP_EXCHANGE;
    this.deadLetterExchange = `${this.exchange}.dead-letter`;
    this.connection = new Connection({
      url: options.url,
      ...(options.connectionName ? { connectionName: options.connectionName } : {}),
      retryLow: options.retryLow ?? 250,
      retryHigh: options.retryHigh ?? 10_000,
      // Nagle's algorithm held each small frame (a publish, a delivery, an ack) until the peer's
      // delayed ACK, about 40 ms: measured as 45 ms from a relay's publish to the consumer's
      // transaction, on every hop of the saga.
      noDelay: true,
    });
    this.connection.on("error", (err) => this.log.warn({ err }, "RabbitMQ connection error"));
    this.connection.on("connection", () => this.log.info("RabbitMQ connected"));
    this.publisher = this.connection.createPublisher({
      confirm: true,
      // A failed send is not retried here: a retry after a dropped channel can duplicate, and
      // the caller (the outbox relay) retries the message from its table anyway.
      maxAttempts: 1,
      exchanges: this.exchangeDeclarations(),
    });
    this.publisher.on("basic.return", (msg) => {
      if (msg.messageId) this.returned.add(msg.messageId);
    });
  }

  /** Connected and not blocked by the broker: for the service's readiness check. */
  get connected(): boolean {
    return this.connection.ready;
  }

  async declare(queues: readonly QueueDefinition[]): Promise<void> {
    const ch = await this.connection.acquire();
    try {
      for (const params of this.exchangeDeclarations()) await ch.exchangeDeclare(params);
      for (const q of queues) {
        for (const target of [q, q.deadLetter]) {
          await ch.queueDeclare(this.queueDeclaration(target));
          for (const binding of this.bindingsOf(target)) await ch.queueBind(binding);
        }
      }
    } finally {
      await ch.close();
    }
  }

  async stats(queue: QueueDefinition | DeadLetterQueue): Promise<QueueStats> {
    // Passive: answers for the queue as it is declared, and fails if it is not (never creates).
    const { messageCount, consumerCount } = await this.connection.queueDeclare({
      queue: queue.name,
      passive: true,
    });
    return { messages: messageCount, consumers: consumerCount };
  }

  async sendToQueue(queue: QueueDefinition, message: RawMessage): Promise<void> {
    // The default exchange routes by queue name; mandatory makes a missing queue a return.
    await this.publisher.send(
      {
        exchange: "",
        routingKey: queue.name,
        mandatory: true,
        durable: true,
        messageId: message.messageId,
        headers: { ...message.headers },
        contentType: ENVELOPE_CONTENT_TYPE,
      },
      message.body,
    );
    await new Promise((resolve) => setImmediate(resolve)); // see publish()
    if (this.returned.delete(message.messageId))
      throw new PublishError([
        { messageId: message.messageId, reason: "unroutable", detail: `no queue ${queue.name}` },
      ]);
  }

  async publish(envelopes: readonly Envelope[]): Promise<void> {
    // Pipelined: every send is written before any confirm is awaited.
    const results = await Promise.allSettled(
      envelopes.map((e) =>
        this.publisher.send(
          {
            exchange: this.exchange,
            routingKey: e.type,
            mandatory: true,
            durable: true,
            messageId: e.messageId,
            correlationId: e.correlationId,
            type: e.type,
            contentType: ENVELOPE_CONTENT_TYPE,
          },
          encodeEnvelope(e),
        ),
      ),
    );
    // The broker sends basic.return before the confirm, but the library emits the return in a
    // setImmediate while it resolves the confirm at once: one turn of the event loop lets
    // every return of this batch arrive before it is checked.
    await new Promise((resolve) => setImmediate(resolve));
    const failures: PublishFailure[] = [];
    results.forEach((result, i) => {
      const { messageId, type } = envelopes[i] as Envelope;
      const returned = this.returned.delete(messageId);
      if (result.status === "rejected")
        failures.push({ messageId, reason: "rejected", detail: String(result.reason) });
      else if (returned)
        failures.push({ messageId, reason: "unroutable", detail: `no queue is bound to ${type}` });
    });
    if (failures.length) throw new PublishError(failures);
  }

  /** Publishes bytes as they are (tests and tools: a broken publisher's message). */
  async publishRaw(routingKey: string, body: Buffer, headers: Record<string, unknown> = {}) {
    await this.publisher.send(
      {
        exchange: this.exchange,
        routingKey,
        durable: true,
        headers,
        contentType: ENVELOPE_CONTENT_TYPE,
      },
      body,
    );
  }

  async consume(
    queue: QueueDefinition | DeadLetterQueue,
    handler: DeliveryHandler,
    options: ConsumeOptions,
  ): Promise<Subscription> {
    // The dead-letter queue too, before the first message may need it.
    if (queue.kind === "queue") await this.declare([queue]);
    const { queue: name, ...queueOptions } = this.queueDeclaration(queue);
    const consumer = this.connection.createConsumer(
      {
        queue: name,
        queueOptions,
        exchanges: this.exchangeDeclarations(),
        queueBindings: this.bindingsOf(queue),
        qos: { prefetchCount: options.prefetch },
        concurrency: options.prefetch,
        // Only our own failures reach the library (the dead-letter publish); they are
        // transient, so the message goes back and counts against the delivery limit.
        requeue: true,
      },
      async (msg) => this.status(queue, msg, await this.run(handler, msg)),
    );
    consumer.on("error", (err) =>
      this.log.warn({ err, queue: name }, "RabbitMQ consumer error (it recovers by itself)"),
    );
    await this.ready(consumer, name);
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await consumer.close();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.publisher.close();
    await this.connection.close();
  }

  /** The declaration of a queue, identical wherever it is made (see the file comment). */
  queueDeclaration(q: QueueDefinition | DeadLetterQueue): QueueDeclaration {
    const common = { "x-queue-type": "quorum" } as const;
    if (q.kind === "dead-letter") return { queue: q.name, durable: true, arguments: common };
    return {
      queue: q.name,
      durable: true,
      arguments: {
        ...common,
        // 3.10 has no default limit: without one a poison message loops forever.
        "x-delivery-limit": q.deliveryLimit,
        "x-dead-letter-exchange": this.deadLetterExchange,
        "x-dead-letter-routing-key": q.deadLetter.name,
        // Dead-lettering is acknowledged by the dead-letter queue, so it cannot lose a
        // message (quorum queues default to at-most-once); this strategy needs reject-publish.
        "x-dead-letter-strategy": "at-least-once",
        "x-overflow": "reject-publish",
      },
    };
  }

  private exchangeDeclarations() {
    return [
      { exchange: this.exchange, type: "topic", durable: true },
      { exchange: this.deadLetterExchange, type: "direct", durable: true },
    ];
  }

  private bindingsOf(q: QueueDefinition | DeadLetterQueue) {
    if (q.kind === "dead-letter")
      return [{ queue: q.name, exchange: this.deadLetterExchange, routingKey: q.name }];
    return routingKeys(q).map((routingKey) => ({
      queue: q.name,
      exchange: this.exchange,
      routingKey,
    }));
  }

  private async run(handler: DeliveryHandler, msg: AsyncMessage): Promise<Disposition> {
    const headers = msg.headers ?? {};
    const delivery: Delivery = {
      body: bodyBytes(msg),
      headers,
      deliveryCount: (Number(headers["x-delivery-count"]) || 0) + 1,
    };
    try {
      return await handler(delivery);
    } catch (err) {
      this.log.error({ err, messageId: msg.messageId }, "delivery handler threw; retrying");
      return { outcome: "retry" };
    }
  }

  private async status(
    queue: QueueDefinition | DeadLetterQueue,
    msg: AsyncMessage,
    disposition: Disposition,
  ): Promise<ConsumerStatus> {
    if (disposition.outcome === "ack") return ConsumerStatus.ACK;
    if (disposition.outcome === "retry" || queue.kind === "dead-letter")
      return ConsumerStatus.REQUEUE;
    // The broker's own dead-lettering (nack without requeue) can only say "rejected", so the
    // message is republished to the dead-letter queue with the reason, confirmed, then acked.
    // If the republish fails this throws and the library requeues the original.
    const copy: AmqpEnvelope = {
      exchange: this.deadLetterExchange,
      routingKey: queue.deadLetter.name,
      mandatory: true,
      durable: true,
      headers: deadLetterHeaders(msg.headers ?? {}, disposition, queue.name),
      ...(msg.messageId ? { messageId: msg.messageId } : {}),
      ...(msg.correlationId ? { correlationId: msg.correlationId } : {}),
      ...(msg.type ? { type: msg.type } : {}),
      contentType: msg.contentType ?? "application/octet-stream",
    };
    await this.publisher.send(copy, bodyBytes(msg));
    await new Promise((resolve) => setImmediate(resolve)); // see publish()
    if (msg.messageId && this.returned.delete(msg.messageId))
      throw new Error(`Dead-letter queue "${queue.deadLetter.name}" is missing`);
    return ConsumerStatus.ACK;
  }

  /** Resolves when the consumer is consuming; a setup error (e.g. inequivalent arguments) rejects. */
  private async ready(consumer: Consumer, queue: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        consumer.off("error", onError);
        resolve();
      };
      const onError = (err: unknown) => {
        consumer.off("ready", onReady);
        void consumer.close();
        reject(new Error(`Cannot consume queue "${queue}": ${String(err)}`, { cause: err }));
      };
      consumer.once("ready", onReady);
      consumer.once("error", onError);
    });
  }
}

/**
 * The library parses bodies typed exactly application/json or text/plain (what older senders
 * and hand-published messages use); the port hands out the bytes as published, so validation
 * sees exactly what was sent (JSON re-encodes losslessly). Ours (ENVELOPE_CONTENT_TYPE) arrive
 * as bytes already.
 */
function bodyBytes(msg: AsyncMessage): Buffer {
  const body: unknown = msg.body;
  if (Buffer.isBuffer(body)) return body;
  if (msg.contentType === "text/plain" && typeof body === "string")
    return Buffer.from(body, "utf8");
  return Buffer.from(JSON.stringify(body), "utf8");
}
