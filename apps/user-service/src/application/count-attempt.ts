import {
  decideAttempt,
  windowStartOf,
  type CountedKey,
  type RateDecision,
} from "../domain/rate-limit";
import type { UserDeps } from "./ports";

/**
 * Counts one attempt under each key in turn (each an atomic step in the store) and stops at
 * the first key past its policy's limit: the attempt is refused until that key's window ends,
 * and the keys after it are not counted. Callers list the broadest key first (the client
 * address before the email and address pair), so a refused client adds no row per email it
 * tries: the store grows with what is allowed, not with what is asked.
 */
export async function countAttempt(
  deps: Pick<UserDeps, "attempts">,
  keys: readonly CountedKey[],
  now: Date,
): Promise<RateDecision> {
  for (const { key, policy } of keys) {
    const windowStart = windowStartOf(now, policy);
    const decision = decideAttempt(
      await deps.attempts.hit(key, windowStart),
      windowStart,
      now,
      policy,
    );
    if (!decision.allowed) return decision;
  }
  return { allowed: true };
}
