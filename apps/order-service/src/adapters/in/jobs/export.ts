import { startPeriodicJob, type Logger, type PeriodicJob } from "@shop/service-kit";
import { exportDueOrders, type ExportPolicy } from "../../../application/export-due-orders";
import type { ExportDeps } from "../../../application/export-ports";

/**
 * The export job: every `everyMs` (after the end of the previous run), the due exports are sent
 * to the data platform (exportDueOrders). Runs never overlap; several instances share the work
 * through the store's claim. A failed run (the database is down) is logged and the job goes on.
 */
export function startExportJob(
  deps: ExportDeps,
  log: Logger,
  options: { everyMs: number; policy: ExportPolicy },
): PeriodicJob {
  const run = async () => {
    const r = await exportDueOrders(deps, options.policy);
    if (r.delivered > 0)
      log.info({ delivered: r.delivered }, "orders exported to the data platform");
    if (r.retrying > 0)
      log.warn(
        { retrying: r.retrying, reason: r.unavailable },
        "data platform unavailable; exports kept and retried with backoff",
      );
    for (const { orderId, reason } of r.refusals)
      log.error({ orderId, reason }, "data platform refused an order; its export is FAILED");
  };
  return startPeriodicJob({ name: "data export", everyMs: options.everyMs, run, logger: log });
}
