import type { Envelope } from "@shop/contracts";
import { inSaga, SAGA_ID, SagaIdSpanProcessor } from "@shop/service-kit/trace-context";
import { SpanKind, trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeMessages, handler } from "./consumer";
import { appendToOutbox } from "./outbox";
import type { RabbitTransport } from "./rabbit-transport";
import { startOutboxRelay, type OutboxRelay } from "./relay";
import { inTransaction, useTestDatabase } from "./test/database";
import { charge, chargeCard } from "./test/messages";
import { NO_RABBITMQ, uniqueName } from "./test/names";
import { deleteTopology, rabbitTransport } from "./test/rabbit";
import { testLog } from "./test/silent-log";
import { queue } from "./topology";
import type { Subscription } from "./transport";

/*
 * A message's trace across the real broker: appended to the outbox inside a span, published by
 * the relay over RabbitMQ, handled by a consumer. The consumer's span must be in the same trace,
 * its parent the relay's PRODUCER span, whose parent is the span that appended it; the saga id
 * on each. Red if the envelope lost its trace context on the way (a new trace), if the relay
 * published outside the stored context, or if the consumer did not continue it.
 */

const database = useTestDatabase(4);
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  spanProcessors: [new SagaIdSpanProcessor(), new SimpleSpanProcessor(exporter)],
});
provider.register();
const tracer = trace.getTracer("tracing.int.test");

const q = queue(uniqueName("tracing"), { bindings: [chargeCard] });
let transport: RabbitTransport;
let relay: OutboxRelay;
let subscription: Subscription;
const handled: { envelope: Envelope; traceId?: string; sagaSpan?: ReadableSpan }[] = [];

beforeAll(async () => {
  transport = rabbitTransport();
  await transport.declare([q]);
  subscription = await consumeMessages(
    transport,
    q,
    [
      handler(chargeCard, async (message) => {
        // Work inside the handler (a statement, a call) starts spans of its own.
        tracer.startActiveSpan("charge the card", (span) => {
          handled.push({ envelope: message, traceId: span.spanContext().traceId });
          span.end();
        });
      }),
    ],
    { log: testLog },
  );
  relay = startOutboxRelay({ pool: database.db.pool, transport, log: testLog });
});

afterAll(async () => {
  await relay?.stop();
  await subscription?.close();
  await transport?.close();
  await deleteTopology(transport.exchange, [q]);
  await provider.shutdown();
});

const spansOf = (messageId: string) =>
  exporter.getFinishedSpans().filter((s) => s.attributes["messaging.message.id"] === messageId);

describe.skipIf(NO_RABBITMQ)("a message's trace", () => {
  it("crosses the outbox and the broker: one trace, consumer -> producer -> appender, saga id on each", async () => {
    const orderId = crypto.randomUUID();
    const message = charge(100, orderId);
    const placed = await tracer.startActiveSpan("place order", async (span) => {
      // The saga id is known once the order is numbered (as order-service's store does).
      await inSaga(orderId, () =>
        inTransaction(database.db.pool, (tx) => appendToOutbox(tx, [message])),
      );
      span.end();
      return span.spanContext();
    });

    await vi.waitFor(
      () => {
        expect(handled.map((h) => h.envelope.messageId)).toContain(message.messageId);
        const kinds = spansOf(message.messageId).map((s) => s.kind);
        expect(kinds).toEqual(expect.arrayContaining([SpanKind.PRODUCER, SpanKind.CONSUMER]));
      },
      { timeout: 15_000, interval: 25 },
    );

    const spans = spansOf(message.messageId);
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const consumer = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    const root = exporter.getFinishedSpans().find((s) => s.name === "place order")!;
    const inner = exporter.getFinishedSpans().find((s) => s.name === "charge the card")!;

    // One trace from the appender to the work inside the handler.
    for (const s of [producer, consumer, inner])
      expect(s.spanContext().traceId).toBe(placed.traceId);
    expect(inner.parentSpanContext?.spanId).toBe(consumer.spanContext().spanId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(producer.parentSpanContext?.spanId).toBe(placed.spanId);

    // What travelled in the envelope over RabbitMQ: the PRODUCER span's context.
    const received = handled.find((h) => h.envelope.messageId === message.messageId)!;
    expect(received.envelope.trace?.traceparent).toBe(
      `00-${placed.traceId}-${producer.spanContext().spanId}-01`,
    );

    // The saga id: on the span that learnt it, on both messaging spans, on the handler's work.
    for (const s of [root, producer, consumer, inner]) expect(s.attributes[SAGA_ID]).toBe(orderId);
    expect(producer.attributes).toMatchObject({
      "messaging.system": "rabbitmq",
      "messaging.rabbitmq.destination.routing_key": chargeCard.type,
    });
    expect(consumer.attributes["messaging.destination.subscription.name"]).toBe(q.name);
  });

  it("a message appended outside any span still gets its saga id, in a trace of its own", async () => {
    const orderId = crypto.randomUUID();
    const message = charge(200, orderId);
    await inTransaction(database.db.pool, (tx) => appendToOutbox(tx, [message]));
    await vi.waitFor(
      () => expect(spansOf(message.messageId).map((s) => s.kind)).toContain(SpanKind.CONSUMER),
      { timeout: 15_000, interval: 25 },
    );
    const spans = spansOf(message.messageId);
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const consumer = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(producer.parentSpanContext).toBeUndefined();
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer.attributes[SAGA_ID]).toBe(orderId);
    expect(producer.attributes[SAGA_ID]).toBe(orderId);
  });
});
