import { emailTaken, type UserError } from "../domain/errors";
import { err, ok, type Result } from "../domain/result";
import { decideAttempt, SIGN_UP_LIMIT, windowStartOf } from "../domain/rate-limit";
import { checkRegistration, createUser, type Registration } from "../domain/user";
import { grantSession } from "./grant-session";
import type { SessionGrant, UserDeps } from "./ports";

/**
 * Opens a shopper account and signs it in. New accounts are limited per client address (when
 * the caller vouches for one), counted before any password is hashed.
 */
export async function signUp(
  deps: UserDeps,
  registration: Registration,
  clientIp?: string,
): Promise<Result<SessionGrant, UserError>> {
  const checked = checkRegistration(registration);
  if (!checked.ok) return checked;
  if (clientIp) {
    const now = deps.clock.now();
    const windowStart = windowStartOf(now, SIGN_UP_LIMIT);
    const count = await deps.attempts.hit(`sign-up-ip:${clientIp}`, windowStart);
    const decision = decideAttempt(count, windowStart, now, SIGN_UP_LIMIT);
    if (!decision.allowed)
      return err({
        code: "RATE_LIMITED",
        action: "sign-up",
        retryAfterSeconds: decision.retryAfterSeconds,
      });
  }
  const { email, password, displayName } = checked.value;
  // Cheap check first, so a taken address costs no hashing; the insert below is what decides
  // when two sign-ups race (the store's unique index).
  if (await deps.users.findByEmail(email)) return err(emailTaken);
  const user = createUser({
    id: deps.ids.next(),
    email,
    displayName,
    passwordHash: await deps.passwords.hash(password),
    now: deps.clock.now(),
  });
  if ((await deps.users.insert(user)) === "email-taken") return err(emailTaken);
  return ok(await grantSession(deps, user));
}
