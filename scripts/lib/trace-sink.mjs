// The e2e stack's trace collector: an OTLP/HTTP receiver (JSON, POST /v1/traces, as
// @opentelemetry/exporter-trace-otlp-http sends it) that appends each span to a file as one
// JSON line, flattened, for the browser tests to read (e2e/traces.spec.ts). It stands in for a
// real collector (Jaeger, an OpenTelemetry Collector) only to the extent those tests need.
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { dirname } from "node:path";

/** An OTLP AnyValue as plain JSON: { stringValue: "x" } is "x". */
function valueOf(v) {
  if (!v) return null;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return v.doubleValue;
  if ("arrayValue" in v) return (v.arrayValue.values ?? []).map(valueOf);
  return JSON.stringify(v);
}
const attributesOf = (list = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** OTLP/JSON ids are hex; an exporter that sent them base64 gets them turned into hex. */
const hexId = (id) =>
  !id || /^[0-9a-f]+$/i.test(id) ? id || null : Buffer.from(id, "base64").toString("hex");

/** The spans of one export request, one object each, its service's name on it. */
export function flatSpans(body) {
  const spans = [];
  for (const r of body.resourceSpans ?? []) {
    const resource = attributesOf(r.resource?.attributes);
    for (const scope of r.scopeSpans ?? [])
      for (const s of scope.spans ?? [])
        spans.push({
          service: resource["service.name"] ?? null,
          scope: scope.scope?.name ?? null,
          traceId: hexId(s.traceId),
          spanId: hexId(s.spanId),
          parentSpanId: hexId(s.parentSpanId),
          name: s.name,
          // OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
          kind:
            ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"][s.kind] ??
            s.kind,
          start: s.startTimeUnixNano,
          attributes: attributesOf(s.attributes),
        });
  }
  return spans;
}

/**
 * Starts the sink on a free port of 127.0.0.1, `file` emptied first; answers the variables that
 * point a process's OpenTelemetry SDK at it, with a short batch delay so a test waits seconds,
 * not the SDK's default 5 s, for the spans of what it just did.
 */
export async function startTraceSink(file) {
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      try {
        const spans = flatSpans(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        if (spans.length) appendFileSync(file, spans.map((s) => `${JSON.stringify(s)}\n`).join(""));
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (err) {
        // Not OTLP/JSON (a protobuf exporter): refused, so the exporter's log says why.
        res.writeHead(400, { "content-type": "text/plain" }).end(String(err));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The shop's own shutdown stops its processes; the sink must not keep this one alive.
  server.unref();
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${server.address().port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "200",
  };
}
