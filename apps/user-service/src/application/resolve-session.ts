import { isActive, needsTouch, touchCutoff } from "../domain/session";
import type { User } from "../domain/user";
import type { UserDeps } from "./ports";

/**
 * The user a session token signs in, or null when the token is unknown, expired, revoked or
 * idle too long. A use records itself (lastUsedAt) at most once per touch interval: a session
 * seen in use more recently is not written at all, and the store's write is conditional, so
 * concurrent requests of a busy session write once between them.
 */
export async function resolveSession(
  deps: Pick<UserDeps, "sessions" | "users" | "tokens" | "clock" | "config">,
  token: string,
): Promise<User | null> {
  const now = deps.clock.now();
  const session = await deps.sessions.findByTokenHash(deps.tokens.hash(token));
  if (!session || !isActive(session, now, deps.config.sessionIdleDays)) return null;
  if (needsTouch(session, now)) await deps.sessions.touch(session.tokenHash, now, touchCutoff(now));
  return deps.users.findById(session.userId);
}
