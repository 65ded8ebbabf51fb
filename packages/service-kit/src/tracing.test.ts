import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { ProxyTracerProvider } from "@opentelemetry/api";
import { propagation, trace } from "@opentelemetry/api";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadTracingConfig } from "./env";
import { createLogger } from "./logger";
import {
  activeTraceId,
  carriedTrace,
  flushTracing,
  inSaga,
  isTracing,
  SAGA_ID,
  traceLogFields,
} from "./trace-context";
import { startTracing } from "./tracing";

/*
 * Tracing is off unless an OTLP endpoint is configured, and off means nothing registered: the
 * OpenTelemetry API keeps its no-op tracer, propagator and context manager. The tests in this
 * file run in order: off first, then on (a registration cannot be undone in a process).
 */

const options = { serviceName: "test-service", appUrl: import.meta.url };
const endpoint = "http://127.0.0.1:4318/v1/traces";

/** The API's own delegate: the no-op provider until an SDK registers one. */
const delegateName = () =>
  ((trace.getTracerProvider() as ProxyTracerProvider).getDelegate?.() ?? {}).constructor.name;

describe("the tracing decision (loadTracingConfig)", () => {
  it.each([
    ["no OTEL_* variable", {}, false],
    ["an empty endpoint", { OTEL_EXPORTER_OTLP_ENDPOINT: " " }, false],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
    ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint }, true],
    [
      "an endpoint with OTEL_SDK_DISABLED=true",
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: "TRUE" },
      false,
    ],
    [
      "an endpoint with OTEL_SDK_DISABLED=false",
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: "false" },
      true,
    ],
  ])("%s: enabled = %s", (_, source, enabled) => {
    expect(loadTracingConfig(source).enabled).toBe(enabled);
  });

  it("refuses an endpoint that is not a URL, naming the variable", () => {
    expect(() => loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});

describe("tracing off, then on", () => {
  afterAll(() => vi.unstubAllEnvs());

  it("off: registers nothing, the API stays its no-op, messages and log lines get nothing", async () => {
    expect(await startTracing(loadTracingConfig({}), options)).toBe(false);
    expect(isTracing()).toBe(false);
    expect(delegateName()).toBe("NoopTracerProvider");
    expect(propagation.fields()).toEqual([]);
    const span = trace.getTracer("t").startSpan("s");
    expect(span.isRecording()).toBe(false);
    // No context manager: a context set is not kept, so there is no saga id to read back.
    inSaga("order-1", () => {
      expect(carriedTrace()).toBeUndefined();
      expect(traceLogFields()).toEqual({});
      expect(activeTraceId()).toBeNull(); // an order placed now records no trace
    });
    expect(lineOf("off")).not.toHaveProperty("trace_id");
    await flushTracing(); // nothing to flush: resolves
  });

  it("on: an SDK, W3C propagation, and the saga id on spans and log lines", async () => {
    // A collector of the test's: counts the export requests it is sent.
    const posts: string[] = [];
    const collector = createServer((req, res) => {
      posts.push(`${req.method} ${req.url}`);
      req.resume().on("end", () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    // The exporter reads its endpoint from the environment itself.
    vi.stubEnv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", url);
    const config = loadTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url });
    expect(await startTracing(config, options)).toBe(true);
    expect(isTracing()).toBe(true);
    expect(delegateName()).toBe("NodeTracerProvider");
    expect(propagation.fields()).toEqual(expect.arrayContaining(["traceparent", "baggage"]));
    const tracer = trace.getTracer("t");
    expect(activeTraceId()).toBeNull(); // no span active
    await tracer.startActiveSpan("place order", async (span) => {
      expect(span.isRecording()).toBe(true);
      expect(activeTraceId()).toBe(span.spanContext().traceId);
      await inSaga("order-1", async () => {
        await Promise.resolve(); // the context survives an await
        const inner = tracer.startSpan("inner");
        expect(
          (inner as unknown as { attributes: Record<string, unknown> }).attributes[SAGA_ID],
        ).toBe("order-1");
        inner.end();
        expect(carriedTrace()?.traceparent).toMatch(
          new RegExp(`^00-${span.spanContext().traceId}-${span.spanContext().spanId}-01$`),
        );
        expect(lineOf("on")).toMatchObject({
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
          [SAGA_ID]: "order-1",
        });
      });
      span.end();
    });
    await flushTracing();
    expect(posts).toContain("POST /v1/traces");
    collector.close();
  });
});

/** The JSON line a new logger (createLogger) writes for one info call. */
function lineOf(name: string): Record<string, unknown> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  createLogger(name, "info", sink).info("a line");
  return JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
}
