import { createRequire } from "node:module";
import type { TracingConfig } from "./env";
import { SagaIdSpanProcessor, tracingRegistered } from "./trace-context";

/*
 * Starts OpenTelemetry in a process, when its configuration asks for it (loadTracingConfig: an
 * OTLP endpoint set, OTEL_SDK_DISABLED not "true"); otherwise it does nothing at all, and not
 * even the SDK's modules are loaded. Called by the process's entry (traced-entry.ts) BEFORE the
 * app's modules load: the instrumentations patch `http`, `https` and `pg` as they are required.
 *
 * What is traced: incoming and outgoing HTTP (instrumentation-http: the services' tRPC, the
 * storefront's front server), Node's fetch (instrumentation-undici: the BFF's tRPC clients, the
 * data platform's export), PostgreSQL statements inside a span (instrumentation-pg), and the
 * messages: each one's publish by the outbox relay (a PRODUCER span) and its handling by a
 * consumer (a CONSUMER span), hand-written in @shop/messaging as no instrumentation exists for
 * rabbitmq-client; the trace context travels in the envelope.
 */

export interface TracingOptions {
  /** service.name, unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
  /**
   * A module of the app's (its entry's import.meta.url): `pg` is required from there, so the
   * copy patched is the one the app loads.
   */
  appUrl: string;
}

/** Probes are not traced: one span per kubelet probe says nothing. */
const PROBES = new Set(["/health", "/ready"]);

export async function startTracing(
  config: TracingConfig,
  options: TracingOptions,
): Promise<boolean> {
  if (!config.enabled) return false;
  const [
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    resources,
    { registerInstrumentations },
    { HttpInstrumentation },
    { UndiciInstrumentation },
    { PgInstrumentation },
  ] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/sdk-trace-base"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/instrumentation"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-undici"),
    import("@opentelemetry/instrumentation-pg"),
  ]);
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ "service.name": options.serviceName }))
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults.
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    // The exporter reads OTEL_EXPORTER_OTLP_* (endpoint, headers, timeout) itself.
    spanProcessors: [new SagaIdSpanProcessor(), new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // The global provider, the AsyncLocalStorage context manager and the W3C propagators
  // (traceparent and baggage, or OTEL_PROPAGATORS).
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => PROBES.has(request.url?.split("?")[0] ?? ""),
      }),
      new UndiciInstrumentation(),
      // A statement outside any span (the relay's polls, timers with nothing due) is not traced,
      // nor taking a pooled connection (a span per transaction that says little).
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  // The hooks patch a module when it is required; the app imports these as ES modules, which
  // would not pass through them, so they are required once here. ESM imports of a CommonJS
  // module or a built-in then get the same, patched, exports.
  const require = createRequire(options.appUrl);
  for (const name of ["node:http", "node:https", "pg"])
    try {
      require(name);
    } catch {
      // An app without pg (the storefront).
    }
  tracingRegistered(() => provider.shutdown());
  return true;
}
