import { setTimeout as sleep } from "node:timers/promises";
import { startPeriodicJob, type Logger, type PeriodicJob } from "@shop/service-kit";
import { handleDeadlines } from "../../../application/handle-deadlines";
import type { OrderDeps } from "../../../application/ports";
import { resumeSagas } from "../../../application/resume-sagas";

/** How long the resume waits at most for the replies queue to empty before it goes ahead. */
export const DRAIN_MS = 10_000;
const POLL_MS = 100;

export interface DeadlineJobOptions {
  /** The pause between two runs. */
  everyMs: number;
  /** When this process began taking replies: the sagas unchanged since are resumed. */
  since: Date;
  /** How many replies wait in the queue (the broker's count). */
  repliesWaiting: () => Promise<number>;
  drainMs?: number;
}

/**
 * The saga's clock. Its first run, at once, is the resume after a restart (domain/saga.ts, "A
 * deadline measures the participant's silence"): it waits until the replies queue has nothing
 * waiting (the reply consumer, started before, handles what came while no orchestrator ran; at
 * most `drainMs`), then asks every step still awaited again, with a fresh deadline. Only then,
 * and every `everyMs` after, do overdue sagas get their deadline tick. A failed run (the resume
 * included: no deadline passes before it succeeds) is logged and the job goes on.
 */
export function startDeadlineJob(
  deps: OrderDeps,
  log: Logger,
  options: DeadlineJobOptions,
): PeriodicJob {
  let resumed = false;
  const run = async (signal: AbortSignal) => {
    if (!resumed) {
      const waiting = await untilDrained(options, signal);
      if (signal.aborted) return;
      if (waiting > 0)
        log.warn({ waiting }, "replies still waiting after the drain bound; resuming all the same");
      const count = await resumeSagas(deps, options.since);
      resumed = true;
      if (count > 0) log.info({ resumed: count }, "sagas resumed: each awaited step asked again");
    }
    const changed = await handleDeadlines(deps);
    if (changed > 0) log.info({ changed }, "overdue sagas ticked");
  };
  return startPeriodicJob({
    name: "saga deadlines",
    everyMs: options.everyMs,
    firstRunMs: 0,
    run,
    logger: log,
  });
}

/** Polls the replies queue until nothing waits, the bound passes or the job stops: what is left. */
async function untilDrained(options: DeadlineJobOptions, signal: AbortSignal): Promise<number> {
  const end = Date.now() + (options.drainMs ?? DRAIN_MS);
  let waiting = Number.POSITIVE_INFINITY;
  while (!signal.aborted) {
    // A broker that cannot answer counts as not drained: the bound still ends the wait.
    waiting = await options.repliesWaiting().catch(() => Number.POSITIVE_INFINITY);
    if (waiting === 0 || Date.now() >= end) break;
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
  return waiting;
}
