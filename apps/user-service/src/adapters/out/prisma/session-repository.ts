import type { Session } from "../../../domain/session";
import type { SessionRepository } from "../../../application/ports";
import type { Db } from "./client";

const sessionColumns = {
  tokenHash: true,
  userId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export class PrismaSessionRepository implements SessionRepository {
  constructor(private readonly db: Db) {}

  async insert(session: Session): Promise<void> {
    await this.db.session.create({ data: session });
  }

  async rotate(previousTokenHash: string, session: Session): Promise<void> {
    // One transaction: if the insert fails, the old session is not revoked either.
    await this.db.$transaction([
      this.db.session.updateMany({
        where: { tokenHash: previousTokenHash, revokedAt: null },
        data: { revokedAt: session.createdAt },
      }),
      this.db.session.create({ data: session }),
    ]);
  }

  findByTokenHash(tokenHash: string): Promise<Session | null> {
    return this.db.session.findUnique({ where: { tokenHash }, select: sessionColumns });
  }

  async revoke(tokenHash: string, at: Date): Promise<void> {
    // Conditional: a second sign-out keeps the first revocation time.
    await this.db.session.updateMany({
      where: { tokenHash, revokedAt: null },
      data: { revokedAt: at },
    });
  }

  async touch(tokenHash: string, at: Date, ifLastUsedBefore: Date): Promise<boolean> {
    // One conditional UPDATE: of requests racing on a busy session, only the first in an
    // interval matches (the row lock serializes them, and the later ones see the new value).
    const { count } = await this.db.session.updateMany({
      where: { tokenHash, revokedAt: null, lastUsedAt: { lt: ifLastUsedBefore } },
      data: { lastUsedAt: at },
    });
    return count === 1;
  }

  async deleteEndedBefore(cutoff: Date, idleMs: number): Promise<number> {
    const { count } = await this.db.session.deleteMany({
      where: {
        OR: [
          { expiresAt: { lt: cutoff } },
          { revokedAt: { lt: cutoff } },
          { lastUsedAt: { lt: new Date(cutoff.getTime() - idleMs) } },
        ],
      },
    });
    return count;
  }
}
