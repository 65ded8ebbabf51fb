import type { Session } from "../../../domain/session";
import type { SessionRepository } from "../../../application/ports";
import type { Db } from "./client";

export class PrismaSessionRepository implements SessionRepository {
  constructor(private readonly db: Db) {}

  async insert(session: Session): Promise<void> {
    await this.db.session.create({ data: session });
  }

  findByTokenHash(tokenHash: string): Promise<Session | null> {
    return this.db.session.findUnique({
      where: { tokenHash },
      select: { tokenHash: true, userId: true, createdAt: true, expiresAt: true, revokedAt: true },
    });
  }

  async revoke(tokenHash: string, at: Date): Promise<void> {
    // Conditional: a second sign-out keeps the first revocation time.
    await this.db.session.updateMany({
      where: { tokenHash, revokedAt: null },
      data: { revokedAt: at },
    });
  }

  async deleteEndedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.session.deleteMany({
      where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
    });
    return count;
  }
}
