import { startPeriodicJob, type PeriodicJob } from "@shop/service-kit";
import type { Logger } from "@shop/service-kit/logger";
import { purgeExpired } from "../../../application/purge-expired";
import type { UserDeps } from "../../../application/ports";

/**
 * Housekeeping on a timer: deletes finished sign-in windows and long-ended sessions. Several
 * instances running it at once only delete the same rows.
 */
export function startCleanupJob(deps: UserDeps, log: Logger, everyMinutes: number): PeriodicJob {
  return startPeriodicJob({
    name: "cleanup",
    everyMs: everyMinutes * 60_000,
    run: async () =>
      log.debug(await purgeExpired(deps), "expired sign-in windows and sessions deleted"),
    logger: log,
  });
}
