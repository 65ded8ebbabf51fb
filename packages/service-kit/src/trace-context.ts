import {
  context,
  propagation,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from "@opentelemetry/api";
import type { ReadableSpan, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/*
 * What the shop's code knows of tracing: only the OpenTelemetry API, never the SDK. Until an
 * SDK is registered (tracing.ts, when the OTEL_* variables ask for it) every call here is the
 * API's no-op: no context is kept, no span recorded, nothing injected into a message.
 *
 * The saga id (an envelope's correlationId, the order's id) rides in the context as baggage
 * under SAGA_ID; SagaIdSpanProcessor copies it onto every span started under it, and the
 * logger's mixin onto every log line.
 */

/** The saga's id: a span attribute, a baggage entry and a log field, under this one name. */
export const SAGA_ID = "shop.saga_id";

/** `ctx` with the saga id as baggage: every span started under it carries the id. */
export function withSagaId(ctx: Context, sagaId: string): Context {
  const bag = propagation.getBaggage(ctx) ?? propagation.createBaggage();
  return propagation.setBaggage(ctx, bag.setEntry(SAGA_ID, { value: sagaId }));
}

/** The saga id of a context, if one was set (withSagaId). */
export const sagaIdOf = (ctx: Context): string | undefined =>
  propagation.getBaggage(ctx)?.getEntry(SAGA_ID)?.value;

/**
 * Runs `work` as part of a saga whose id is known only now (an order just numbered): the
 * active span gets the attribute, and every span `work` starts (its statements, the outbox's
 * messages) carries it too.
 */
export function inSaga<T>(sagaId: string, work: () => T): T {
  const active = context.active();
  trace.getSpan(active)?.setAttribute(SAGA_ID, sagaId);
  return context.with(withSagaId(active, sagaId), work);
}

/**
 * The trace id of the active span, when it is recorded (an SDK registered and the trace
 * sampled): what a record can link to. Null otherwise, since a trace not exported is no link.
 */
export function activeTraceId(): string | null {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : null;
}

/** Copies the saga id from the parent context's baggage onto each span as it starts. */
export class SagaIdSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const sagaId = sagaIdOf(parentContext);
    if (sagaId !== undefined) span.setAttribute(SAGA_ID, sagaId);
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A W3C trace context in the shape an envelope carries it (`trace` in @shop/contracts). */
export interface CarriedTrace {
  traceparent: string;
  tracestate?: string;
}

/** The active (or given) context as a W3C trace context; undefined when there is none to carry. */
export function carriedTrace(ctx: Context = context.active()): CarriedTrace | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const { traceparent, tracestate } = carrier;
  if (traceparent === undefined) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

const carriedGetter: TextMapGetter<CarriedTrace> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) =>
    key === "traceparent"
      ? carrier.traceparent
      : key === "tracestate"
        ? carrier.tracestate
        : undefined,
};

/** The context a carried trace continues (`base` itself when there is none). */
export function continuedTrace(carried: CarriedTrace | undefined, base: Context): Context {
  return carried ? propagation.extract(base, carried, carriedGetter) : base;
}

/**
 * The log fields of the active context, for pino's mixin: the trace and span ids (as
 * OpenTelemetry's log correlation names them) and the saga id. Empty outside a span.
 */
export function traceLogFields(): Record<string, string> {
  const active = context.active();
  const span = trace.getSpan(active)?.spanContext();
  const sagaId = sagaIdOf(active);
  const fields: Record<string, string> = {};
  if (span) {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
  }
  if (sagaId !== undefined) fields[SAGA_ID] = sagaId;
  return fields;
}

/*
 * Whether an SDK is registered, kept on globalThis (as the OpenTelemetry API keeps its own
 * registrations): the entry that starts tracing (dist/main.js) and the app it loads (dist/app.js)
 * are two bundles, each with its own copy of this module.
 */
const REGISTERED = Symbol.for("shop.tracing.shutdown");
type TracingGlobal = { [REGISTERED]?: (() => Promise<void>) | null };
const registry = globalThis as TracingGlobal;

/** Called by tracing.ts once an SDK is registered, with how to flush and stop it. */
export function tracingRegistered(shutdown: () => Promise<void>): void {
  registry[REGISTERED] = shutdown;
}

/** Whether this process registered an SDK (loggers then add the trace fields). */
export const isTracing = (): boolean => registry[REGISTERED] !== undefined;

/**
 * Sends the spans still buffered and stops the SDK; nothing when tracing is off. A collector
 * that cannot be reached loses those spans, and never fails the process's shutdown.
 */
export async function flushTracing(): Promise<void> {
  const shutdown = registry[REGISTERED];
  if (!shutdown) return;
  registry[REGISTERED] = null;
  await shutdown().catch(() => undefined);
}
