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
  /** When the first run starts, after the start (default `everyMs`; 0: at once). */
  firstRunMs?: number;
  /**
   * One run; its own success logging is its business. A rejection is logged and retried. The
   * signal aborts when the job is stopped: a run that waits should stop waiting.
   */
  run: (signal: AbortSignal) => Promise<unknown>;
  logger: Logger;
}

/**
 * Housekeeping on a timer (deleting expired rows...). Runs never overlap: the next is scheduled
 * only when the previous has finished, however long it took. A failed run is logged and the job
 * goes on. The timer is unref'd, so it never keeps the process alive; stop() (from the ordered
 * shutdown) waits for the run in flight. The first run is `firstRunMs` after the start.
 */
export function startPeriodicJob({
  name,
  everyMs,
  firstRunMs = everyMs,
  run,
  logger,
}: PeriodicJobOptions): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const schedule = (ms = everyMs) => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = Promise.resolve()
      .then(() => run(stopping.signal))
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err, job: name }, `${name} failed; will retry`),
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  schedule(firstRunMs);
  return {
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
