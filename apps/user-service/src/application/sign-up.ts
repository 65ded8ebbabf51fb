import { emailTaken, type UserError } from "../domain/errors";
import { err, ok, type Result } from "../domain/result";
import { checkRegistration, createUser, type Registration } from "../domain/user";
import { grantSession } from "./grant-session";
import type { SessionGrant, UserDeps } from "./ports";

/** Opens a shopper account and signs it in. */
export async function signUp(
  deps: UserDeps,
  registration: Registration,
): Promise<Result<SessionGrant, UserError>> {
  const checked = checkRegistration(registration);
  if (!checked.ok) return checked;
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
