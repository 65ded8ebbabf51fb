/**
 * A signed-in browser. The browser holds a random token; the service keeps only the token's
 * hash, so a leaked table cannot be replayed as cookies.
 */
export interface Session {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** When the session last signed a request in, to within SESSION_TOUCH_INTERVAL_MS. */
  lastUsedAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * How stale lastUsedAt may get: a session in use is written at most once per interval, not on
 * every request. The idle limit is therefore kept to within this much.
 */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

export function startSession(fields: {
  tokenHash: string;
  userId: string;
  now: Date;
  ttlDays: number;
}): Session {
  return {
    tokenHash: fields.tokenHash,
    userId: fields.userId,
    createdAt: fields.now,
    expiresAt: new Date(fields.now.getTime() + fields.ttlDays * DAY_MS),
    revokedAt: null,
    lastUsedAt: fields.now,
  };
}

/**
 * A session signs its user in until it expires (its absolute lifetime, exclusive), is revoked,
 * or goes unused for `idleDays` (exclusive).
 */
export function isActive(session: Session, now: Date, idleDays: number): boolean {
  const t = now.getTime();
  return (
    session.revokedAt === null &&
    t < session.expiresAt.getTime() &&
    t < session.lastUsedAt.getTime() + idleDays * DAY_MS
  );
}

/**
 * The instant a session's last use must be before for a use at `now` to record itself: a
 * session used more recently than SESSION_TOUCH_INTERVAL_MS ago is not written again.
 */
export const touchCutoff = (now: Date): Date => new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS);

/** Whether a use at `now` should record itself (see touchCutoff). */
export const needsTouch = (session: Session, now: Date): boolean =>
  session.lastUsedAt.getTime() < touchCutoff(now).getTime();

/** Revoking is idempotent: an already revoked session keeps its first revocation time. */
export function revokeSession(session: Session, now: Date): Session {
  return session.revokedAt ? session : { ...session, revokedAt: now };
}

/** The idle limit in milliseconds, for housekeeping. */
export const idleMs = (idleDays: number): number => idleDays * DAY_MS;
