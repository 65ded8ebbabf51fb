import {
  decideAttempt,
  windowStartOf,
  type CountedKey,
  type RateDecision,
} from "../domain/rate-limit";
import type { UserDeps } from "./ports";

/**
 * Counts one attempt under each key (each an atomic step in the store, all at once) and
 * decides: refused if any key is past its policy's limit, then for the longest wait among them.
 */
export async function countAttempt(
  deps: Pick<UserDeps, "attempts">,
  keys: readonly CountedKey[],
  now: Date,
): Promise<RateDecision> {
  const decisions = await Promise.all(
    keys.map(async ({ key, policy }) => {
      const windowStart = windowStartOf(now, policy);
      return decideAttempt(await deps.attempts.hit(key, windowStart), windowStart, now, policy);
    }),
  );
  const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
  return waits.length
    ? { allowed: false, retryAfterSeconds: Math.max(...waits) }
    : { allowed: true };
}
