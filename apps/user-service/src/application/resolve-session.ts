import { isActive } from "../domain/session";
import type { User } from "../domain/user";
import type { UserDeps } from "./ports";

/** The user a session token signs in, or null when the token is unknown, expired or revoked. */
export async function resolveSession(
  deps: Pick<UserDeps, "sessions" | "users" | "tokens" | "clock">,
  token: string,
): Promise<User | null> {
  const session = await deps.sessions.findByTokenHash(deps.tokens.hash(token));
  if (!session || !isActive(session, deps.clock.now())) return null;
  return deps.users.findById(session.userId);
}
