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
}

const DAY_MS = 86_400_000;

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
  };
}

/** A session signs its user in until it expires (exclusive) or is revoked. */
export function isActive(session: Session, now: Date): boolean {
  return session.revokedAt === null && now.getTime() < session.expiresAt.getTime();
}

/** Revoking is idempotent: an already revoked session keeps its first revocation time. */
export function revokeSession(session: Session, now: Date): Session {
  return session.revokedAt ? session : { ...session, revokedAt: now };
}
