import { normalizeEmail } from "./user";

/**
 * Throttling of sign-in and sign-up: at most `maxAttempts` attempts per key in each fixed
 * window of `windowMs`. The store counts attempts atomically per (key, window start); this
 * module decides, from the counts, whether one may proceed and how long its answer waits.
 *
 * Fixed windows are cheap (one upsert per key and attempt) and bounded: a burst across a window
 * boundary gets at most twice the limit in a short time, never more.
 */
export interface RateLimitPolicy {
  maxAttempts: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Sign-in attempts per (email, client address): guessing one account from one place. Every
 * attempt counts, right or wrong. A stranger elsewhere never spends the owner's pair.
 */
export const SIGN_IN_PAIR_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: MINUTE };

/** Sign-in attempts per client address over all emails: credential stuffing from one place. */
export const SIGN_IN_CLIENT_LIMIT: RateLimitPolicy = { maxAttempts: 100, windowMs: 15 * MINUTE };

/**
 * Sign-in attempts without a known client address (the credential carries none), all such
 * callers together: they cannot be told apart, so they share one budget, a few addresses' worth.
 * Each email among them also has SIGN_IN_PAIR_LIMIT, as if "no address" were one address.
 */
export const SIGN_IN_UNKNOWN_CLIENT_LIMIT: RateLimitPolicy = {
  maxAttempts: 300,
  windowMs: 15 * MINUTE,
};

/**
 * FAILED sign-ins per email over all addresses: the ceiling for guessing one account from many
 * addresses. Counted on failures only, so the owner's own sign-ins never use it up; high enough
 * that a crowd of failures from 20 addresses does not lock the owner out, while
 * SIGN_IN_SLOWDOWN makes every guess past the first few slow. The count is read before the
 * password is verified and a failure added after, so guesses in flight at the same moment can
 * pass the ceiling by at most their number (which the pair limit bounds per address).
 */
export const SIGN_IN_FAILURE_LIMIT: RateLimitPolicy = { maxAttempts: 300, windowMs: HOUR };

export interface Slowdown {
  fromFailure: number;
  baseMs: number;
  maxMs: number;
}

/**
 * The growing wait before a sign-in on an email with recent failures is answered: once the
 * email has `fromFailure` failures in its SIGN_IN_FAILURE_LIMIT window, the next attempt waits
 * `baseMs * 2^(failures - fromFailure)`, at most `maxMs`. The owner still gets in, a few
 * seconds later at worst.
 */
export const SIGN_IN_SLOWDOWN: Slowdown = { fromFailure: 5, baseMs: 250, maxMs: 4_000 };

/** New accounts per client address: each costs a password hash, and accounts invite spam. */
export const SIGN_UP_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: HOUR };

/** Every policy above; each window divides LONGEST_WINDOW (checked by the tests). */
export const ALL_LIMITS: readonly RateLimitPolicy[] = [
  SIGN_IN_PAIR_LIMIT,
  SIGN_IN_CLIENT_LIMIT,
  SIGN_IN_UNKNOWN_CLIENT_LIMIT,
  SIGN_IN_FAILURE_LIMIT,
  SIGN_UP_LIMIT,
];

/** The longest window of any policy: a window that started before its start is over. */
export const LONGEST_WINDOW: RateLimitPolicy = SIGN_UP_LIMIT;

/** A counter key and the policy it is held to. */
export interface CountedKey {
  key: string;
  policy: RateLimitPolicy;
}

/**
 * What a sign-in attempt is counted under before anything is checked: the (email, address)
 * pair and the address; without an address, the email under "no address" and the shared
 * "no address" budget.
 */
export function signInAttemptKeys(email: string, clientIp?: string): CountedKey[] {
  const address = normalizeEmail(email);
  return clientIp
    ? [
        { key: `sign-in-pair:${clientIp} ${address}`, policy: SIGN_IN_PAIR_LIMIT },
        { key: `sign-in-ip:${clientIp}`, policy: SIGN_IN_CLIENT_LIMIT },
      ]
    : [
        { key: `sign-in-pair:(no address) ${address}`, policy: SIGN_IN_PAIR_LIMIT },
        { key: "sign-in-ip:(no address)", policy: SIGN_IN_UNKNOWN_CLIENT_LIMIT },
      ];
}

/** The key an email's failed sign-ins are counted under, whatever the address. */
export function signInFailureKey(email: string): CountedKey {
  return { key: `sign-in-failures:${normalizeEmail(email)}`, policy: SIGN_IN_FAILURE_LIMIT };
}

/** The key new accounts from a client address are counted under. */
export function signUpAttemptKey(clientIp: string): CountedKey {
  return { key: `sign-up-ip:${clientIp}`, policy: SIGN_UP_LIMIT };
}

/** How long the answer to a sign-in waits after `failures` failures on its email. */
export function slowdownMs(failures: number, slowdown: Slowdown = SIGN_IN_SLOWDOWN): number {
  if (failures < slowdown.fromFailure) return 0;
  const exponent = Math.min(failures - slowdown.fromFailure, 30); // 2^30 * base is over any cap
  return Math.min(slowdown.baseMs * 2 ** exponent, slowdown.maxMs);
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The start of the window `now` falls in (windows are aligned on the epoch). */
export function windowStartOf(now: Date, policy: RateLimitPolicy): Date {
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
  policy: RateLimitPolicy,
): RateDecision {
  if (count <= policy.maxAttempts) return { allowed: true };
  const remainingMs = windowStart.getTime() + policy.windowMs - now.getTime();
  const seconds = Math.ceil(remainingMs / 1000);
  return {
    allowed: false,
    retryAfterSeconds: Math.min(Math.max(seconds, 1), Math.ceil(policy.windowMs / 1000)),
  };
}
