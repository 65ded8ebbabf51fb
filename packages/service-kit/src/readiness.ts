import type { Logger } from "pino";

/** One dependency's readiness: resolves when it answers; rejects (or resolves false) when not. */
export type ReadinessCheck = () => Promise<unknown>;

/** Why a check did not pass. Never the error's own text: /ready answers anyone who asks. */
export type CheckFailure = "failed" | "timed out";

export interface ReadinessReport {
  ready: boolean;
  /** The checks that did not pass, by name; empty when ready. */
  failed: Record<string, CheckFailure>;
}

/**
 * Runs every named check at once, each bounded by `timeoutMs`, and says which did not pass.
 * One run per check at a time: while a dependency hangs, every probe waits (up to the timeout)
 * on the same pending check instead of opening another query or connection. A failure is
 * logged once per run, with its cause, here and not in the answer.
 */
export function readinessProbe(
  checks: Record<string, ReadinessCheck>,
  { timeoutMs, logger }: { timeoutMs: number; logger: Logger },
): () => Promise<ReadinessReport> {
  const pending = new Map<string, Promise<boolean>>();
  const runOnce = (name: string, check: ReadinessCheck) => {
    let run = pending.get(name);
    if (!run) {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        logger.warn({ check: name, timeoutMs }, "readiness check is not answering");
      }, timeoutMs);
      timer.unref();
      run = Promise.resolve()
        .then(check)
        .then(
          (answer) => answer !== false,
          (err: unknown) => {
            logger.warn({ check: name, err }, "readiness check failed");
            return false;
          },
        )
        .finally(() => {
          clearTimeout(timer);
          if (late) logger.info({ check: name }, "readiness check answered after its timeout");
          pending.delete(name);
        });
      pending.set(name, run);
    }
    return run;
  };
  return async () => {
    const outcomes = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const outcome = await withTimeout(runOnce(name, check), timeoutMs);
        return [name, outcome] as const;
      }),
    );
    const failed: Record<string, CheckFailure> = {};
    for (const [name, outcome] of outcomes)
      if (outcome !== "ok") failed[name] = outcome === false ? "failed" : "timed out";
    return { ready: Object.keys(failed).length === 0, failed };
  };
}

/** The outcome of `check`, or "timed out" when it takes longer than `ms`. */
function withTimeout(check: Promise<boolean>, ms: number): Promise<"ok" | false | "timed out"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), ms);
  });
  return Promise.race([check.then((ok) => (ok ? ("ok" as const) : false)), late]).finally(() =>
    clearTimeout(timer),
  );
}

/** The structural part of a Prisma client that databaseCheck needs (any service's client). */
export interface RawQueryClient {
  $queryRawUnsafe(query: string): PromiseLike<unknown>;
}

/** /ready's database check: one `SELECT 1` through the service's own client (and its pool). */
export function databaseCheck(db: RawQueryClient): ReadinessCheck {
  return async () => {
    await db.$queryRawUnsafe("SELECT 1");
  };
}
