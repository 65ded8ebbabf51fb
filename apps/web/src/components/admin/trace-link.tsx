import { traceUrl } from "./trace-url";

/**
 * The checkout's trace of an order: its id, linked to the trace viewer when TRACE_URL_TEMPLATE
 * says where one is. An order placed with tracing off has none.
 */
export function TraceLink({ traceId, template }: { traceId: string | null; template: string }) {
  if (traceId === null) return <span data-testid="order-trace">none (tracing was off)</span>;
  const url = traceUrl(template, traceId);
  const id = <code data-testid="order-trace">{traceId}</code>;
  if (url === null) return id;
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="text-brand-700 underline hover:text-brand-800"
    >
      {id}
    </a>
  );
}
