import type { ExportDeps, ExportedOrderEvent } from "./export-ports";

/**
 * A cancellation or a refund is to be exported: recorded, due now, for the export job (the same
 * one that sends completed orders). True when it was recorded now, false when its event id
 * already was (a redelivered event): either way it is exported once by this service, and the
 * platform deduplicates any resend by the event id.
 */
export function recordOrderEvent(
  deps: Pick<ExportDeps, "exports" | "clock">,
  event: ExportedOrderEvent,
): Promise<boolean> {
  return deps.exports.record({ kind: "order-event", event }, deps.clock.now());
}
