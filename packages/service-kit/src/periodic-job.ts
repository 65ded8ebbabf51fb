import type { Logger } from "pino";

export interface PeriodicJob {
  /** No further run starts; resolves once the run in flight (if any) has finished. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  /** Names the job in log lines. */
  name: string;
  /** The pause between the end of one run and the start of the next. */
  everyMs: number;
  /** One run; its own success logging is its business. A rejection is logged and retried. */
  run: () => Promise<unknown>;
  logger: Logger;
}

/**
 * Housekeeping on a timer (deleting expired rows...). Runs never overlap: the next is scheduled
 * only when the previous has finished, however long it took. A failed run is logged and the job
 * goes on. The timer is unref'd, so it never keeps the process alive; stop() (from the ordered
 * shutdown) waits for the run in flight. The first run is `everyMs` after the start.
 */
export function startPeriodicJob({ name, everyMs, run, logger }: PeriodicJobOptions): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, everyMs);
    timer.unref();
  };
  const tick = () => {
    running = Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err, job: name }, `${name} failed; will retry`),
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
