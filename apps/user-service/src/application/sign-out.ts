import type { UserDeps } from "./ports";

/** Ends the session a token opened. Idempotent: an unknown or ended session is left alone. */
export async function signOut(
  deps: Pick<UserDeps, "sessions" | "tokens" | "clock">,
  token: string,
): Promise<void> {
  await deps.sessions.revoke(deps.tokens.hash(token), deps.clock.now());
}
