import type { QueueDefinition, Transport } from "@shop/messaging";
import { startPeriodicJob, systemClock, type Logger } from "@shop/service-kit";
import type { ExportPolicy } from "./application/export-due-orders";
import { forgetDeliveredExports } from "./application/forget-delivered-exports";
import { startExportJob } from "./adapters/in/jobs/export";
import { consumeCompletedOrders } from "./adapters/in/messaging/export-consumer";
import { HttpDataPlatform } from "./adapters/out/http/data-platform";
import type { Db } from "./adapters/out/prisma/client";
import { PrismaExportStore } from "./adapters/out/prisma/export-store";

export interface DataExportConfig {
  /** Empty: completed orders are recorded, not sent. */
  url: string;
  /** How long a delivered export is kept (then forgotten, hourly). */
  keepDeliveredMs: number;
  timeoutMs: number;
  everyMs: number;
  prefetch: number;
  policy: ExportPolicy;
  /** Tests: their own queue. */
  queue?: QueueDefinition;
}

/**
 * The export of completed orders to the data platform, wired: the consumer of order.completed
 * records each order (PostgreSQL), the export job POSTs what is due. Stopped as one worker: the
 * job finishes its run (its POSTs end within their timeout), then the consumer drains.
 */
export async function startDataExport(options: {
  db: Db;
  transport: Transport;
  log: Logger;
  config: DataExportConfig;
}): Promise<{ stop(): Promise<void> }> {
  const { db, transport, log, config } = options;
  const exports = new PrismaExportStore(db);
  const consumer = await consumeCompletedOrders(transport, { exports, clock: systemClock }, log, {
    prefetch: config.prefetch,
    queue: config.queue,
  });
  if (!config.url) {
    log.warn("DATA_PLATFORM_URL is empty: completed orders are recorded for export, not sent");
    return { stop: () => consumer.close() };
  }
  const platform = new HttpDataPlatform({ url: config.url, timeoutMs: config.timeoutMs });
  const job = startExportJob({ exports, platform, clock: systemClock }, log, config);
  const pruning = startPeriodicJob({
    name: "delivered exports pruning",
    everyMs: 60 * 60_000,
    run: async () => {
      const forgotten = await forgetDeliveredExports(
        { exports, clock: systemClock },
        config.keepDeliveredMs,
      );
      if (forgotten > 0) log.info({ forgotten }, "delivered exports forgotten");
    },
    logger: log,
  });
  log.info({ url: config.url }, "exporting completed orders to the data platform");
  return {
    stop: async () => {
      await pruning.stop();
      await job.stop();
      await consumer.close();
    },
  };
}
