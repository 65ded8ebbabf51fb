import { pruneInbox } from "@shop/messaging";
import { startPeriodicJob, type PeriodicJob } from "@shop/service-kit";
import type { Logger } from "@shop/service-kit/logger";
import type pg from "pg";

/**
 * Processed-message records older than this are forgotten. The inbox only stops an exact
 * redelivery early: a pay or refund replayed after this (from a dead-letter queue, by hand) is
 * still answered from the order's payment record and changes nothing.
 */
export const INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1_000;

/** Hourly housekeeping; several instances running it at once only delete the same rows. */
export function startInboxPruning(pool: pg.Pool, log: Logger): PeriodicJob {
  return startPeriodicJob({
    name: "inbox pruning",
    everyMs: 60 * 60 * 1_000,
    run: async () =>
      log.debug({ deleted: await pruneInbox(pool, INBOX_RETENTION_MS) }, "inbox pruned"),
    logger: log,
  });
}
