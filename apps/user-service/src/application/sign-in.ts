import { invalidCredentials, type UserError } from "../domain/errors";
import { decideAttempt, windowStartOf } from "../domain/rate-limit";
import { err, ok, type Result } from "../domain/result";
import { normalizeEmail } from "../domain/user";
import { grantSession } from "./grant-session";
import type { SessionGrant, UserDeps } from "./ports";

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address as the caller vouches for it (a verified credential), if known. */
  clientIp?: string | undefined;
}

/** The keys an attempt is counted under: always the email, and the client address if known. */
export const attemptKeys = (email: string, clientIp?: string): string[] => [
  `email:${normalizeEmail(email)}`,
  ...(clientIp ? [`ip:${clientIp}`] : []),
];

/**
 * Signs in with email and password. The attempt is counted before anything is checked, so
 * guessing is throttled per account and per client address, whether or not the guesses are
 * right. An unknown email and a wrong password give the same error after the same work.
 */
export async function signIn(
  deps: UserDeps,
  attempt: SignInAttempt,
): Promise<Result<SessionGrant, UserError>> {
  const now = deps.clock.now();
  const windowStart = windowStartOf(now);
  const counts = await Promise.all(
    attemptKeys(attempt.email, attempt.clientIp).map((key) => deps.attempts.hit(key, windowStart)),
  );
  const refusals = counts
    .map((count) => decideAttempt(count, windowStart, now))
    .flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
  if (refusals.length)
    return err({
      code: "RATE_LIMITED",
      action: "sign-in",
      retryAfterSeconds: Math.max(...refusals),
    });

  const user = await deps.users.findByEmail(attempt.email);
  // Without an account, verify against a dummy hash anyway and ignore the outcome.
  const verified = await deps.passwords.verify(
    user?.passwordHash ?? deps.passwords.dummyHash,
    attempt.password,
  );
  if (!user || !verified) return err(invalidCredentials);
  return ok(await grantSession(deps, user));
}
