/**
 * Sign-in throttling: at most `maxAttempts` attempts per key (an email address, a client
 * address) in each fixed window of `windowMs`. The store counts attempts atomically per
 * (key, window start); this module only decides, from the count, whether one may proceed.
 *
 * Fixed windows are cheap (one upsert per key and attempt) and bounded: a burst across a window
 * boundary gets at most twice the limit in a short time, never more.
 */
export interface RateLimitPolicy {
  maxAttempts: number;
  windowMs: number;
}

export const SIGN_IN_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: 60_000 };

/** New accounts per client address: each costs a password hash, and accounts invite spam. */
export const SIGN_UP_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: 3_600_000 };

/** The longest window of any policy: a window that started before its start is over. */
export const LONGEST_WINDOW: RateLimitPolicy = SIGN_UP_LIMIT;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The start of the window `now` falls in (windows are aligned on the epoch). */
export function windowStartOf(now: Date, policy: RateLimitPolicy = SIGN_IN_LIMIT): Date {
  const t = now.getTime();
  return new Date(t - (((t % policy.windowMs) + policy.windowMs) % policy.windowMs));
}

/**
 * `count` attempts (this one included) were made in the window that began at `windowStart`.
 * Past the limit, the attempt is refused until that window ends: at least 1 second, at most the
 * window's length.
 */
export function decideAttempt(
  count: number,
  windowStart: Date,
  now: Date,
  policy: RateLimitPolicy = SIGN_IN_LIMIT,
): RateDecision {
  if (count <= policy.maxAttempts) return { allowed: true };
  const remainingMs = windowStart.getTime() + policy.windowMs - now.getTime();
  const seconds = Math.ceil(remainingMs / 1000);
  return {
    allowed: false,
    retryAfterSeconds: Math.min(Math.max(seconds, 1), Math.ceil(policy.windowMs / 1000)),
  };
}
