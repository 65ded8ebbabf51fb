import { startSession } from "../domain/session";
import type { User } from "../domain/user";
import type { SessionGrant, UserDeps } from "./ports";

/** Opens a session for a user who just proved who they are (sign-up, sign-in). */
export async function grantSession(
  deps: Pick<UserDeps, "sessions" | "tokens" | "clock" | "config">,
  user: User,
): Promise<SessionGrant> {
  const token = deps.tokens.generate();
  const session = startSession({
    tokenHash: deps.tokens.hash(token),
    userId: user.id,
    now: deps.clock.now(),
    ttlDays: deps.config.sessionTtlDays,
  });
  await deps.sessions.insert(session);
  return { user, token, expiresAt: session.expiresAt };
}
