import { isKnownDeviceOf } from "../domain/device";
import { invalidCredentials, type UserError } from "../domain/errors";
import {
  secondsUntilWindowEnds,
  signInAttemptKeys,
  signInDeviceFailureKey,
  signInFailureKey,
  windowStartOf,
} from "../domain/rate-limit";
import { err, ok, type Result } from "@shop/kernel";
import { countAttempt } from "./count-attempt";
import { grantSession } from "./grant-session";
import type { SessionGrant, UserDeps } from "./ports";

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address as the caller vouches for it (a verified credential), if known. */
  clientIp?: string | undefined;
  /** The session token the browser holds already, if any: revoked when this sign-in succeeds. */
  previousToken?: string | undefined;
  /**
   * The device token the browser holds, if any (its device cookie). One of the email's own
   * account exempts the attempt from the per-email failure ceiling; any other is ignored.
   */
  deviceToken?: string | undefined;
}

const rateLimited = (retryAfterSeconds: number): Result<never, UserError> =>
  err({ code: "RATE_LIMITED", action: "sign-in", retryAfterSeconds });

/**
 * Signs in with email and password, throttled so that guessing is slow but a stranger cannot
 * lock the owner out of a browser they used before (the policies are in domain/rate-limit.ts):
 * 1. the attempt is counted, right or wrong, per client address, then (if the address is
 *    allowed) per (email, client address);
 * 2. from a known device of the email's account, the attempt takes a place under the device's
 *    failure limit for the hour; with one, the email's ceiling is not looked at;
 * 3. otherwise it takes a place under the email's failure ceiling for the hour (failures from
 *    any address), and with none left the attempt is refused;
 * 4. the password is verified: a wrong one keeps its place (it is the failure counted), a right
 *    one gives it back. A place is taken in one step the database decides before the password
 *    is verified, so guesses made at once cannot all find room under a limit.
 * Answers are never held back: a slowdown does not limit guesses made in parallel, and would
 * only keep requests open. An unknown email and a wrong password give the same error after the
 * same work.
 */
export async function signIn(
  deps: UserDeps,
  attempt: SignInAttempt,
): Promise<Result<SessionGrant, UserError>> {
  const now = deps.clock.now();
  const counted = await countAttempt(deps, signInAttemptKeys(attempt.email, attempt.clientIp), now);
  if (!counted.allowed) return rateLimited(counted.retryAfterSeconds);

  const user = await deps.users.findByEmail(attempt.email);
  const deviceHash = attempt.deviceToken ? deps.tokens.hash(attempt.deviceToken) : undefined;
  const device = deviceHash ? await deps.devices.findByTokenHash(deviceHash) : null;
  const knownDevice = isKnownDeviceOf(device, user?.id, now) ? device : null;

  // The place this attempt's failure takes, before the password is verified: the store decides
  // whether one is left and takes it in one step, so the limit is never decided from a count
  // that concurrent attempts have moved on since.
  let failure: { key: string; windowStart: Date } | null = null;
  if (knownDevice) {
    const { key, policy } = signInDeviceFailureKey(knownDevice.tokenHash);
    const windowStart = windowStartOf(now, policy);
    // With a place under its limit, the device is exempt from the email's ceiling; without, not.
    if (await deps.attempts.reserve(key, windowStart, policy.maxAttempts))
      failure = { key, windowStart };
  }
  if (!failure) {
    const { key, policy } = signInFailureKey(attempt.email);
    const windowStart = windowStartOf(now, policy);
    if (!(await deps.attempts.reserve(key, windowStart, policy.maxAttempts)))
      return rateLimited(secondsUntilWindowEnds(windowStart, now, policy));
    failure = { key, windowStart };
  }

  let verified: boolean;
  try {
    // Without an account, verify against a dummy hash anyway and ignore the outcome.
    verified = await deps.passwords.verify(
      user?.passwordHash ?? deps.passwords.dummyHash,
      attempt.password,
    );
  } catch (e) {
    // No answer about the password was given: the place is not a failure.
    await deps.attempts.release(failure.key, failure.windowStart);
    throw e;
  }
  // A wrong password keeps its place: it is the failure counted.
  if (!user || !verified) return err(invalidCredentials);
  await deps.attempts.release(failure.key, failure.windowStart);
  return ok(
    await grantSession(deps, user, {
      previousToken: attempt.previousToken,
      previousDeviceHash: knownDevice?.tokenHash,
    }),
  );
}
