import { startSession } from "../domain/session";
import type { User } from "../domain/user";
import type { SessionGrant, UserDeps } from "./ports";

/**
 * Opens a session for a user who just proved who they are (sign-up, sign-in). The session the
 * browser held before, if it says so, is revoked in the same transaction (session rotation):
 * whoever knew the old token, it signs nobody in once the browser has a new one.
 */
export async function grantSession(
  deps: Pick<UserDeps, "sessions" | "tokens" | "clock" | "config">,
  user: User,
  previousToken?: string,
): Promise<SessionGrant> {
  const token = deps.tokens.generate();
  const session = startSession({
    tokenHash: deps.tokens.hash(token),
    userId: user.id,
    now: deps.clock.now(),
    ttlDays: deps.config.sessionTtlDays,
  });
  if (previousToken) await deps.sessions.rotate(deps.tokens.hash(previousToken), session);
  else await deps.sessions.insert(session);
  return { user, token, expiresAt: session.expiresAt };
}
