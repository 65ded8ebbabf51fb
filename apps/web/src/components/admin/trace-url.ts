/**
 * The trace viewer's address of a trace: TRACE_URL_TEMPLATE with the id in place of {traceId}
 * (every occurrence); null when no template is set, so the id is shown without a link.
 */
export function traceUrl(template: string, traceId: string): string | null {
  if (template === "") return null;
  return template.replaceAll("{traceId}", encodeURIComponent(traceId));
}
