// When the supervisor (processes.mjs) restarts a process that ended by itself, and when it
// gives up and stops the shop: pure functions of one process's crash history, so the schedule
// is tested without starting anything (restart-policy.test.mjs).

export const RESTART_POLICY = Object.freeze({
  /** The wait before the first restart; each quick crash after it doubles the wait... */
  firstDelayMs: 500,
  /** ...up to this. */
  maxDelayMs: 10_000,
  /** A process that stayed up this long was healthy: its next crash waits firstDelayMs again. */
  stableAfterMs: 30_000,
  /** This many crashes of one process within windowMs stop the shop: restarting does not help. */
  maxCrashes: 5,
  windowMs: 60_000,
});

/** The history of a process that has not crashed yet. */
export const noCrashes = () => ({ crashTimes: [], quickCrashes: 0 });

/**
 * What to do about a process that ended by itself: it was started at `startedAt` and ended at
 * `at` (epoch ms). Answers the history to keep for its next crash, and either `restartInMs`
 * or `giveUp` (why, for the log line). Never changes `history`.
 */
export function afterCrash(history, { startedAt, at }, policy = RESTART_POLICY) {
  // A crash after a long healthy run starts the backoff over; one soon after a restart does not.
  const quickBefore = at - startedAt >= policy.stableAfterMs ? 0 : history.quickCrashes;
  const crashTimes = [...history.crashTimes.filter((t) => at - t < policy.windowMs), at];
  const next = { crashTimes, quickCrashes: quickBefore + 1 };
  if (crashTimes.length >= policy.maxCrashes)
    return {
      history: next,
      giveUp: `${crashTimes.length} crashes within ${seconds(policy.windowMs)} s`,
    };
  return {
    history: next,
    restartInMs: Math.min(policy.firstDelayMs * 2 ** quickBefore, policy.maxDelayMs),
  };
}

/** How a process ended, as child_process reports it: "signal SIGKILL", "exit code 1". */
export const exitReason = (code, signal) => (signal ? `signal ${signal}` : `exit code ${code}`);

/** Milliseconds as the log says them: 500 -> "0.5", 10000 -> "10", 1234 -> "1.2". */
export const seconds = (ms) => String(Math.round(ms / 100) / 10);

/** 1 -> "1st", 5 -> "5th", 12 -> "12th". */
function ordinal(n) {
  const suffix = Math.floor(n / 10) % 10 === 1 ? undefined : { 1: "st", 2: "nd", 3: "rd" }[n % 10];
  return `${n}${suffix ?? "th"}`;
}

/** The one line the supervisor logs about a crash, whatever it decided. */
export function crashLine(name, how, { startedAt, at }, decision, policy = RESTART_POLICY) {
  const ended = `${name} ended (${how}) after ${seconds(at - startedAt)} s`;
  if (decision.giveUp) return `${ended}: ${decision.giveUp}, stopping the shop.`;
  const count = decision.history.crashTimes.length;
  return (
    `${ended}; restarting it in ${seconds(decision.restartInMs)} s ` +
    `(crash ${count} within ${seconds(policy.windowMs)} s; the ${ordinal(policy.maxCrashes)} stops the shop).`
  );
}
