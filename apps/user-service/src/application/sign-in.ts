import { invalidCredentials, type UserError } from "../domain/errors";
import {
  decideAttempt,
  signInAttemptKeys,
  signInFailureKey,
  slowdownMs,
  windowStartOf,
} from "../domain/rate-limit";
import { err, ok, type Result } from "../domain/result";
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
}

const rateLimited = (retryAfterSeconds: number): Result<never, UserError> =>
  err({ code: "RATE_LIMITED", action: "sign-in", retryAfterSeconds });

/**
 * Signs in with email and password, throttled so that guessing is slow but a stranger cannot
 * lock the owner out (the policies are in domain/rate-limit.ts):
 * 1. the attempt is counted, right or wrong, per (email, client address) and per address;
 * 2. the email's failures in the last hour (from any address) are read: past the ceiling the
 *    attempt is refused; past the first few, its answer is held back longer for each failure;
 * 3. the password is verified, and a failure is counted for the email.
 * An unknown email and a wrong password give the same error after the same work.
 */
export async function signIn(
  deps: UserDeps,
  attempt: SignInAttempt,
): Promise<Result<SessionGrant, UserError>> {
  const now = deps.clock.now();
  const counted = await countAttempt(deps, signInAttemptKeys(attempt.email, attempt.clientIp), now);
  if (!counted.allowed) return rateLimited(counted.retryAfterSeconds);

  const failures = signInFailureKey(attempt.email);
  const failureWindow = windowStartOf(now, failures.policy);
  const failed = await deps.attempts.count(failures.key, failureWindow);
  // This attempt would be failure number failed + 1: refused once the ceiling is reached.
  const ceiling = decideAttempt(failed + 1, failureWindow, now, failures.policy);
  if (!ceiling.allowed) return rateLimited(ceiling.retryAfterSeconds);
  const wait = slowdownMs(failed);
  if (wait > 0) await deps.delay.wait(wait);

  const user = await deps.users.findByEmail(attempt.email);
  // Without an account, verify against a dummy hash anyway and ignore the outcome.
  const verified = await deps.passwords.verify(
    user?.passwordHash ?? deps.passwords.dummyHash,
    attempt.password,
  );
  if (!user || !verified) {
    await deps.attempts.hit(failures.key, failureWindow);
    return err(invalidCredentials);
  }
  return ok(await grantSession(deps, user, attempt.previousToken));
}
