import { devicesOverBefore } from "../domain/device";
import { LONGEST_WINDOW, windowStartOf } from "../domain/rate-limit";
import { idleMs } from "../domain/session";
import type { UserDeps } from "./ports";

/** How long an ended session is kept (for support questions) before it is deleted. */
export const ENDED_SESSION_RETENTION_MS = 7 * 86_400_000;

/**
 * Housekeeping, run periodically: deletes attempt windows that are over (they can no longer
 * refuse anything), sessions that ended (expired, revoked or idle) more than a week ago, and
 * device tokens past their year (their cookie has expired too).
 */
export async function purgeExpired(
  deps: Pick<UserDeps, "attempts" | "sessions" | "devices" | "clock" | "config">,
): Promise<{ attemptWindows: number; sessions: number; devices: number }> {
  const now = deps.clock.now();
  const currentWindow = windowStartOf(now, LONGEST_WINDOW);
  const [attemptWindows, sessions, devices] = await Promise.all([
    deps.attempts.deleteWindowsBefore(currentWindow),
    deps.sessions.deleteEndedBefore(
      new Date(now.getTime() - ENDED_SESSION_RETENTION_MS),
      idleMs(deps.config.sessionIdleDays),
    ),
    deps.devices.deleteCreatedBefore(devicesOverBefore(now)),
  ]);
  return { attemptWindows, sessions, devices };
}
