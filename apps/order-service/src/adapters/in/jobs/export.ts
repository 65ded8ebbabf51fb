import { startPeriodicJob, type Logger, type PeriodicJob } from "@shop/service-kit";
import { exportDueOrders, type ExportPolicy } from "../../../application/export-due-orders";
import { forgetDeliveredExports } from "../../../application/forget-delivered-exports";
import type { ExportDeps } from "../../../application/export-ports";

/**
 * The export job: every `everyMs` (after the end of the previous run), the due exports (completed
 * orders, cancellations, refunds) are sent to the data platform (exportDueOrders). Runs never overlap; several instances share the work
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
      log.info({ delivered: r.delivered }, "orders and order events exported to the data platform");
    if (r.retrying > 0)
      log.warn(
        { retrying: r.retrying, reason: r.unavailable },
        "data platform unavailable; exports kept and retried with backoff",
      );
    for (const { kind, exportId, orderId, reason } of r.refusals)
      log.error(
        { kind, exportId, orderId, reason },
        `data platform refused an ${kind === "order" ? "order" : "order event"}; its export is FAILED`,
      );
  };
  return startPeriodicJob({ name: "data export", everyMs: options.everyMs, run, logger: log });
}

/**
 * The export's two jobs: sending what is due (above) and, hourly, forgetting the deliveries
 * older than `keepDeliveredMs`. Stopped as one: the pruning, then the export job (its POSTs end
 * within their timeout). With no platform configured there is nothing to send: none start.
 */
export function startExportJobs(
  deps: Omit<ExportDeps, "platform"> & { platform: ExportDeps["platform"] | null },
  log: Logger,
  options: { everyMs: number; policy: ExportPolicy; keepDeliveredMs: number },
): { stop(): Promise<void> } | undefined {
  const { platform } = deps;
  if (!platform) {
    log.warn(
      "DATA_PLATFORM_URL is empty: completed orders, cancellations and refunds are recorded for export, not sent",
    );
    return undefined;
  }
  const job = startExportJob({ ...deps, platform }, log, options);
  const pruning = startPeriodicJob({
    name: "delivered exports pruning",
    everyMs: 60 * 60_000,
    run: async () => {
      const forgotten = await forgetDeliveredExports(deps, options.keepDeliveredMs);
      if (forgotten > 0) log.info({ forgotten }, "delivered exports forgotten");
    },
    logger: log,
  });
  log.info("exporting completed orders, cancellations and refunds to the data platform");
  return {
    stop: async () => {
      await pruning.stop();
      await job.stop();
    },
  };
}
