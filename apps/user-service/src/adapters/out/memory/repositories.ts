import { normalizeEmail, type User } from "../../../domain/user";
import { revokeSession, type Session } from "../../../domain/session";
import type { KnownDevice } from "../../../domain/device";
import type {
  AttemptCounter,
  KnownDeviceRepository,
  SessionRepository,
  UserRepository,
} from "../../../application/ports";

/** In-memory adapters of the ports, for use-case tests: same contract, no database. */
export class InMemoryUserRepository implements UserRepository {
  readonly rows = new Map<string, User>();

  async insert(user: User) {
    const email = normalizeEmail(user.email);
    if ([...this.rows.values()].some((u) => u.email === email)) return "email-taken" as const;
    this.rows.set(user.id, { ...user, email });
    return "ok" as const;
  }

  async findById(id: string) {
    const user = this.rows.get(id);
    return user ? { ...user } : null;
  }

  async findByIds(ids: readonly string[]) {
    return ids.flatMap((id) => {
      const user = this.rows.get(id);
      return user ? [{ ...user }] : [];
    });
  }

  async findByEmail(email: string) {
    const wanted = normalizeEmail(email);
    const user = [...this.rows.values()].find((u) => u.email === wanted);
    return user ? { ...user } : null;
  }
}

export class InMemorySessionRepository implements SessionRepository {
  readonly rows = new Map<string, Session>();
  /** Every write touch made (token hash and time), to check how often a session is written. */
  readonly touches: { tokenHash: string; at: Date }[] = [];

  async insert(session: Session) {
    if (this.rows.has(session.tokenHash)) throw new Error("duplicate session token hash");
    this.rows.set(session.tokenHash, { ...session });
  }

  async rotate(previousTokenHash: string, session: Session) {
    // All or nothing, as the database's transaction: the insert's check runs first.
    if (this.rows.has(session.tokenHash)) throw new Error("duplicate session token hash");
    await this.revoke(previousTokenHash, session.createdAt);
    this.rows.set(session.tokenHash, { ...session });
  }

  async touch(tokenHash: string, at: Date, ifLastUsedBefore: Date) {
    const session = this.rows.get(tokenHash);
    if (!session || session.revokedAt !== null || session.lastUsedAt >= ifLastUsedBefore)
      return false;
    this.rows.set(tokenHash, { ...session, lastUsedAt: at });
    this.touches.push({ tokenHash, at });
    return true;
  }

  async findByTokenHash(tokenHash: string) {
    const session = this.rows.get(tokenHash);
    return session ? { ...session } : null;
  }

  async revoke(tokenHash: string, at: Date) {
    const session = this.rows.get(tokenHash);
    if (session) this.rows.set(tokenHash, revokeSession(session, at));
  }

  async deleteEndedBefore(cutoff: Date, idleMs: number) {
    const idleCutoff = new Date(cutoff.getTime() - idleMs);
    let deleted = 0;
    for (const [hash, s] of this.rows) {
      if (
        s.expiresAt < cutoff ||
        (s.revokedAt !== null && s.revokedAt < cutoff) ||
        s.lastUsedAt < idleCutoff
      ) {
        this.rows.delete(hash);
        deleted += 1;
      }
    }
    return deleted;
  }
}

export class InMemoryAttemptCounter implements AttemptCounter {
  /** Count per `${key} ${windowStart ISO}`. */
  readonly windows = new Map<string, { key: string; windowStart: Date; count: number }>();

  async hit(key: string, windowStart: Date) {
    const id = `${key} ${windowStart.toISOString()}`;
    const count = (this.windows.get(id)?.count ?? 0) + 1;
    this.windows.set(id, { key, windowStart, count });
    return count;
  }

  async reserve(key: string, windowStart: Date, limit: number) {
    // The check and the count with no await between: one step, as the database's upsert.
    const id = `${key} ${windowStart.toISOString()}`;
    const count = this.windows.get(id)?.count ?? 0;
    if (count >= limit) return false;
    this.windows.set(id, { key, windowStart, count: count + 1 });
    return true;
  }

  async release(key: string, windowStart: Date) {
    const w = this.windows.get(`${key} ${windowStart.toISOString()}`);
    if (w && w.count > 0) w.count -= 1;
  }

  async count(key: string, windowStart: Date) {
    return this.windows.get(`${key} ${windowStart.toISOString()}`)?.count ?? 0;
  }

  async deleteWindowsBefore(cutoff: Date) {
    let deleted = 0;
    for (const [id, w] of this.windows) {
      if (w.windowStart < cutoff) {
        this.windows.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  }
}

export class InMemoryKnownDeviceRepository implements KnownDeviceRepository {
  /** Devices by token hash, in the order they were remembered. */
  readonly rows = new Map<string, KnownDevice>();

  async findByTokenHash(tokenHash: string) {
    const device = this.rows.get(tokenHash);
    return device ? { ...device } : null;
  }

  async remember(device: KnownDevice, { replacing, keep }: { replacing?: string; keep: number }) {
    // All or nothing, as the database's transaction: the insert's check runs first.
    if (this.rows.has(device.tokenHash)) throw new Error("duplicate device token hash");
    if (replacing && this.rows.get(replacing)?.userId === device.userId)
      this.rows.delete(replacing);
    // The new device always stays; of the user's others, the newest keep - 1 (the later
    // remembered first among equal times).
    const othersNewestFirst = [...this.rows.values()]
      .filter((d) => d.userId === device.userId)
      .reverse()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    for (const old of othersNewestFirst.slice(Math.max(keep - 1, 0)))
      this.rows.delete(old.tokenHash);
    this.rows.set(device.tokenHash, { ...device });
  }

  async deleteCreatedBefore(cutoff: Date) {
    let deleted = 0;
    for (const [hash, d] of this.rows) {
      if (d.createdAt < cutoff) {
        this.rows.delete(hash);
        deleted += 1;
      }
    }
    return deleted;
  }
}
