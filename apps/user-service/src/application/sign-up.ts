import { emailTaken, type UserError } from "../domain/errors";
import { err, ok, type Result } from "@shop/kernel";
import { signUpAttemptKey } from "../domain/rate-limit";
import { checkRegistration, createUser, type Registration } from "../domain/user";
import { countAttempt } from "./count-attempt";
import { grantSession } from "./grant-session";
import type { SessionGrant, UserDeps } from "./ports";

export interface SignUpContext {
  /** The client's address as the caller vouches for it (a verified credential), if known. */
  clientIp?: string | undefined;
  /** The session token the browser holds already, if any: revoked when the account is made. */
  previousToken?: string | undefined;
}

/**
 * Opens a shopper account and signs it in. New accounts are limited per client address (and
 * callers without a known address share one budget), counted before any password is hashed.
 */
export async function signUp(
  deps: UserDeps,
  registration: Registration,
  { clientIp, previousToken }: SignUpContext = {},
): Promise<Result<SessionGrant, UserError>> {
  const checked = checkRegistration(registration);
  if (!checked.ok) return checked;
  const decision = await countAttempt(deps, [signUpAttemptKey(clientIp)], deps.clock.now());
  if (!decision.allowed)
    return err({
      code: "RATE_LIMITED",
      action: "sign-up",
      retryAfterSeconds: decision.retryAfterSeconds,
    });
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
  return ok(await grantSession(deps, user, { previousToken }));
}
