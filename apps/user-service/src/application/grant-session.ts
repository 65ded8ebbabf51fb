import { deviceExpiresAt, issueDevice, MAX_KNOWN_DEVICES_PER_USER } from "../domain/device";
import { startSession } from "../domain/session";
import type { User } from "../domain/user";
import type { SessionGrant, UserDeps } from "./ports";

export interface GrantOptions {
  /** The session token the browser holds already, if any: revoked as the new one is made. */
  previousToken?: string | undefined;
  /**
   * The hash of the device token the browser holds already, if it is a known device of this
   * user: replaced by the new one (so a browser keeps one device token per account).
   */
  previousDeviceHash?: string | undefined;
}

/**
 * Opens a session for a user who just proved who they are (sign-up, sign-in). The session the
 * browser held before, if it says so, is revoked in the same transaction (session rotation):
 * whoever knew the old token, it signs nobody in once the browser has a new one. The browser
 * also gets a new device token (domain/device.ts), which later sign-ins on this account from
 * it present to be exempt from the per-email failure ceiling.
 */
export async function grantSession(
  deps: Pick<UserDeps, "sessions" | "devices" | "tokens" | "clock" | "config">,
  user: User,
  { previousToken, previousDeviceHash }: GrantOptions = {},
): Promise<SessionGrant> {
  const now = deps.clock.now();
  const deviceToken = deps.tokens.generate();
  const device = issueDevice({ tokenHash: deps.tokens.hash(deviceToken), userId: user.id, now });
  await deps.devices.remember(device, {
    replacing: previousDeviceHash,
    keep: MAX_KNOWN_DEVICES_PER_USER,
  });

  const token = deps.tokens.generate();
  const session = startSession({
    tokenHash: deps.tokens.hash(token),
    userId: user.id,
    now,
    ttlDays: deps.config.sessionTtlDays,
  });
  if (previousToken) await deps.sessions.rotate(deps.tokens.hash(previousToken), session);
  else await deps.sessions.insert(session);
  return {
    user,
    token,
    expiresAt: session.expiresAt,
    deviceToken,
    deviceExpiresAt: deviceExpiresAt(device),
  };
}
