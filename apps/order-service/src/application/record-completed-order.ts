import type { ExportDeps, ExportedOrder } from "./export-ports";

/**
 * A completed order is to be exported: recorded, due now, for the export job. True when it was
 * recorded now, false when it already was (a redelivered event): either way it is exported
 * exactly once by this service, and the platform deduplicates any resend by the order id.
 */
export function recordCompletedOrder(
  deps: Pick<ExportDeps, "exports" | "clock">,
  order: ExportedOrder,
): Promise<boolean> {
  return deps.exports.record({ kind: "order", order }, deps.clock.now());
}
