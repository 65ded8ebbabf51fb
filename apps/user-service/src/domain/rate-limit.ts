import { clientKeyOf } from "./client-address";
import { normalizeEmail } from "./user";

/**
 * Throttling of sign-in and sign-up: at most `maxAttempts` attempts per key in each fixed
 * window of `windowMs`. The store counts attempts atomically per (key, window start), and each
 * limit is decided in the same atomic step as the count it is decided from, never from a count
 * read earlier (which concurrent attempts may have moved on since): from the count an upsert
 * returned (decideAttempt), or, for the failure limits, by the store's conditional upsert under
 * the policy's limit (AttemptCounter.reserve). A client address is counted by clientKeyOf (an
 * IPv6 client by its /64).
 *
 * Fixed windows are cheap (one upsert per key and attempt, and one update when a right password
 * gives back its place under a failure limit) and bounded: a burst across a window boundary
 * gets at most twice the limit in a short time, never more.
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
 * that a crowd of failures from 20 addresses does not lock the owner out. Past it, the email
 * is refused for the rest of the hour, the owner's right password too, except from a browser
 * the owner signed in from before (a known device, SIGN_IN_DEVICE_FAILURE_LIMIT): strangers
 * from many addresses can keep the owner from signing in on a new browser, never on their own.
 * An attempt takes its place under the ceiling before its password is verified, in one step the
 * database decides (AttemptCounter.reserve), and gives it back if the password was right: so
 * however many guesses are made at once, no more than 300 wrong passwords an hour are verified.
 * A guess holds its place while it is verified, so the owner's right password that finds the
 * last places so held is refused, as it would be once those guesses had failed.
 */
export const SIGN_IN_FAILURE_LIMIT: RateLimitPolicy = { maxAttempts: 300, windowMs: HOUR };

/**
 * FAILED sign-ins per known device (the device cookie a successful sign-in gave a browser) on
 * its own account. While under it, the device's attempts are exempt from SIGN_IN_FAILURE_LIMIT
 * (and do not count towards it); past it, the device loses that exemption for the rest of the
 * hour. So a stolen device cookie buys at most this many extra guesses an hour, however many it
 * sends at once: as for the ceiling, each takes its place under this limit before its password
 * is verified (AttemptCounter.reserve), and only a wrong password keeps it.
 */
export const SIGN_IN_DEVICE_FAILURE_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: HOUR };

/**
 * New accounts per client address: each costs a password hash, and accounts invite spam.
 * Sign-ups without a known address share one such budget.
 */
export const SIGN_UP_LIMIT: RateLimitPolicy = { maxAttempts: 10, windowMs: HOUR };

/** Every policy above; each window divides LONGEST_WINDOW (checked by the tests). */
export const ALL_LIMITS: readonly RateLimitPolicy[] = [
  SIGN_IN_PAIR_LIMIT,
  SIGN_IN_CLIENT_LIMIT,
  SIGN_IN_UNKNOWN_CLIENT_LIMIT,
  SIGN_IN_FAILURE_LIMIT,
  SIGN_IN_DEVICE_FAILURE_LIMIT,
  SIGN_UP_LIMIT,
];

/** The longest window of any policy: a window that started before its start is over. */
export const LONGEST_WINDOW: RateLimitPolicy = SIGN_UP_LIMIT;

/** A counter key and the policy it is held to. */
export interface CountedKey {
  key: string;
  policy: RateLimitPolicy;
}

const NO_ADDRESS = "(no address)";

/** The client part of a key: the address as clientKeyOf counts it, or "(no address)". */
const clientPart = (clientIp?: string): string => (clientIp ? clientKeyOf(clientIp) : NO_ADDRESS);

/**
 * What a sign-in attempt is counted under before anything is checked, in the order they are
 * counted: the address, then the (email, address) pair; without an address, the shared
 * "no address" budget, then the email under "no address". The address comes first so that an
 * address past its limit adds no row per email it tries (countAttempt stops at a refusal).
 */
export function signInAttemptKeys(email: string, clientIp?: string): CountedKey[] {
  const address = normalizeEmail(email);
  const client = clientPart(clientIp);
  return [
    {
      key: `sign-in-ip:${client}`,
      policy: clientIp ? SIGN_IN_CLIENT_LIMIT : SIGN_IN_UNKNOWN_CLIENT_LIMIT,
    },
    { key: `sign-in-pair:${client} ${address}`, policy: SIGN_IN_PAIR_LIMIT },
  ];
}

/** The key an email's failed sign-ins are counted under, whatever the address. */
export function signInFailureKey(email: string): CountedKey {
  return { key: `sign-in-failures:${normalizeEmail(email)}`, policy: SIGN_IN_FAILURE_LIMIT };
}

/**
 * The key a known device's failed sign-ins are counted under: by the hash of its token (what
 * the store keeps), never the token itself.
 */
export function signInDeviceFailureKey(deviceTokenHash: string): CountedKey {
  return { key: `sign-in-device:${deviceTokenHash}`, policy: SIGN_IN_DEVICE_FAILURE_LIMIT };
}

/** The key new accounts from a client address (or from callers without one) are counted under. */
export function signUpAttemptKey(clientIp?: string): CountedKey {
  return { key: `sign-up-ip:${clientPart(clientIp)}`, policy: SIGN_UP_LIMIT };
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
  return { allowed: false, retryAfterSeconds: secondsUntilWindowEnds(windowStart, now, policy) };
}

/**
 * How long an attempt refused in the window that began at `windowStart` waits: until the window
 * ends, at least 1 second, at most the window's length.
 */
export function secondsUntilWindowEnds(
  windowStart: Date,
  now: Date,
  policy: RateLimitPolicy,
): number {
  const remainingMs = windowStart.getTime() + policy.windowMs - now.getTime();
  const seconds = Math.ceil(remainingMs / 1000);
  return Math.min(Math.max(seconds, 1), Math.ceil(policy.windowMs / 1000));
}
