import { isKnownDeviceOf } from "../domain/device";
import { invalidCredentials, type UserError } from "../domain/errors";
import {
  decideAttempt,
  signInAttemptKeys,
  signInDeviceFailureKey,
  signInFailureKey,
  windowStartOf,
  type CountedKey,
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
 * 2. from a known device of the email's account that has not failed too often this hour, the
 *    email's failures are not looked at, and a failure counts for the device;
 * 3. otherwise the email's failures in the last hour (from any address) are read, and past the
 *    ceiling the attempt is refused; a failure counts for the email.
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

  // Where this attempt's failure is counted, and whether it may be made at all.
  let failures: CountedKey | null = null;
  if (knownDevice) {
    const key = signInDeviceFailureKey(knownDevice.tokenHash);
    const failed = await deps.attempts.count(key.key, windowStartOf(now, key.policy));
    // Under its limit, the device is exempt from the email's ceiling; past it, it is not.
    if (failed < key.policy.maxAttempts) failures = key;
  }
  if (!failures) {
    failures = signInFailureKey(attempt.email);
    const window = windowStartOf(now, failures.policy);
    const failed = await deps.attempts.count(failures.key, window);
    // This attempt would be failure number failed + 1: refused once the ceiling is reached.
    const ceiling = decideAttempt(failed + 1, window, now, failures.policy);
    if (!ceiling.allowed) return rateLimited(ceiling.retryAfterSeconds);
  }

  // Without an account, verify against a dummy hash anyway and ignore the outcome.
  const verified = await deps.passwords.verify(
    user?.passwordHash ?? deps.passwords.dummyHash,
    attempt.password,
  );
  if (!user || !verified) {
    await deps.attempts.hit(failures.key, windowStartOf(now, failures.policy));
    return err(invalidCredentials);
  }
  return ok(
    await grantSession(deps, user, {
      previousToken: attempt.previousToken,
      previousDeviceHash: knownDevice?.tokenHash,
    }),
  );
}
