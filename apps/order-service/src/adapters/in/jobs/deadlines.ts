import { startPeriodicJob, type Logger, type PeriodicJob } from "@shop/service-kit";
import { handleDeadlines } from "../../../application/handle-deadlines";
import type { OrderDeps } from "../../../application/ports";

/**
 * The deadline job: every `everyMs` (after the end of the previous run), the overdue sagas get
 * their deadline tick. It runs once right away, before the timer: that is the resume after a
 * restart (every unfinished saga has a deadline, so one that was waiting when the process died
 * is re-sent or compensated). A failed run is logged and the job goes on.
 */
export async function startDeadlineJob(
  deps: OrderDeps,
  log: Logger,
  options: { everyMs: number },
): Promise<PeriodicJob> {
  const run = async () => {
    const changed = await handleDeadlines(deps);
    if (changed > 0) log.info({ changed }, "overdue sagas ticked");
  };
  try {
    await run();
  } catch (err) {
    log.warn({ err, job: "saga deadlines" }, "saga deadlines failed at start; will retry");
  }
  return startPeriodicJob({ name: "saga deadlines", everyMs: options.everyMs, run, logger: log });
}
