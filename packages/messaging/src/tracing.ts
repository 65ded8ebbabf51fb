import type { Envelope } from "@shop/contracts";
import { carriedTrace, continuedTrace, SAGA_ID, withSagaId } from "@shop/service-kit/trace-context";
import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from "@opentelemetry/api";
import { SHOP_EXCHANGE } from "./topology";

/*
 * A message's trace, by hand: no OpenTelemetry instrumentation exists for rabbitmq-client. The
 * span that appends a message to the outbox (an HTTP request's, a consumer's) is stored in its
 * envelope (`trace`, W3C trace context); the relay publishes it in a PRODUCER span child of that
 * one, and sends the PRODUCER span's context in the envelope; the consumer handles it in a
 * CONSUMER span child of that. Each of them carries the saga id (the correlation id). Names and
 * attributes follow OpenTelemetry's messaging semantic conventions.
 *
 * With tracing off every call below is the API's no-op: no `trace` is added to an envelope and
 * the spans record nothing.
 */

const tracer = trace.getTracer("@shop/messaging");

/** The envelopes as appended to the outbox: each carries the active span's context, if any. */
export function withActiveTrace(envelopes: readonly Envelope[]): readonly Envelope[] {
  const carried = carriedTrace();
  if (!carried) return envelopes;
  return envelopes.map((e) => (e.trace ? e : { ...e, trace: carried }));
}

const messageAttributes = (envelope: Envelope, operation: string): Attributes => ({
  "messaging.system": "rabbitmq",
  "messaging.operation.type": operation,
  "messaging.destination.name": SHOP_EXCHANGE,
  "messaging.rabbitmq.destination.routing_key": envelope.type,
  "messaging.message.id": envelope.messageId,
  "messaging.message.conversation_id": envelope.correlationId,
  [SAGA_ID]: envelope.correlationId,
});

/** The context a message was sent from (its envelope's), as part of its saga. */
const contextOf = (envelope: Envelope) =>
  withSagaId(continuedTrace(envelope.trace, ROOT_CONTEXT), envelope.correlationId);

export interface Publishing {
  /** The envelopes to send: each with its PRODUCER span's context in place of the stored one. */
  readonly envelopes: readonly Envelope[];
  /** Ends the spans: those of `failed` message ids with an error. */
  end(failed: ReadonlyMap<string, { reason: string; detail: string }>): void;
}

/** Starts one PRODUCER span per message, each a child of the context stored in its envelope. */
export function startPublishing(envelopes: readonly Envelope[]): Publishing {
  const spans: Span[] = [];
  const sent = envelopes.map((envelope) => {
    const parent = contextOf(envelope);
    const span = tracer.startSpan(
      `send ${SHOP_EXCHANGE}`,
      { kind: SpanKind.PRODUCER, attributes: messageAttributes(envelope, "send") },
      parent,
    );
    spans.push(span);
    const carried = span.isRecording() ? carriedTrace(trace.setSpan(parent, span)) : undefined;
    return carried ? { ...envelope, trace: carried } : envelope;
  });
  return {
    envelopes: sent,
    end(failed) {
      sent.forEach((envelope, i) => {
        const span = spans[i] as Span;
        const failure = failed.get(envelope.messageId);
        if (failure)
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: `${failure.reason}: ${failure.detail}`,
          });
        span.end();
      });
    },
  };
}

/**
 * Runs a message's handler in a CONSUMER span, child of the span that published it, with the
 * saga id in the context: everything the handler does (its statements, the messages it appends
 * to the outbox, its log lines) is part of the saga's trace.
 */
export function consumeTraced<T>(
  queue: string,
  envelope: Envelope,
  deliveryCount: number,
  handle: () => Promise<T>,
): Promise<T> {
  const parent = contextOf(envelope);
  const span = tracer.startSpan(
    `process ${queue}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...messageAttributes(envelope, "process"),
        "messaging.destination.subscription.name": queue,
        "messaging.rabbitmq.message.delivery_count": deliveryCount,
      },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await handle();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks the active (consumer's) span failed: its handler threw, or dead-lettered the message. */
export function markFailed(error: Error | string): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  if (typeof error !== "string") span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: typeof error === "string" ? error : error.message,
  });
}
