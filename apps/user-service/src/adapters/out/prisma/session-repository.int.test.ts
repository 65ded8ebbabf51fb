import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaSessionRepository } from "./session-repository";
import { PrismaUserRepository } from "./user-repository";
import { isActive, startSession, type Session } from "../../../domain/session";
import type { User } from "../../../domain/user";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { aUser, T0 } from "../../../test/fixtures";

// A pool big enough that the concurrent touches below really run at once.
const t = useTestDatabase(10);
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
let repo: PrismaSessionRepository;
let ann: User;

beforeAll(() => {
  repo = new PrismaSessionRepository(t.db);
});

const session = (tokenHash: string, overrides: Partial<Session> = {}): Session => ({
  ...startSession({ tokenHash, userId: ann.id, now: T0, ttlDays: 30 }),
  ...overrides,
});

describe("PrismaSessionRepository", () => {
  beforeEach(async () => {
    await truncateAccounts(t.db);
    ann = await aUser();
    await new PrismaUserRepository(t.db).insert(ann);
  });

  it("stores a session and finds it by token hash", async () => {
    const s = session("a".repeat(64));
    await repo.insert(s);
    expect(await repo.findByTokenHash(s.tokenHash)).toEqual(s);
    expect(await repo.findByTokenHash("b".repeat(64))).toBeNull();
  });

  it("keeps the expiry to the millisecond, so isActive decides at the exact instant", async () => {
    const s = session("h1", { expiresAt: at(DAY + 123) });
    await repo.insert(s);
    const found = (await repo.findByTokenHash("h1"))!;
    expect(isActive(found, at(DAY + 122), 7)).toBe(true);
    expect(isActive(found, at(DAY + 123), 7)).toBe(false);
  });

  it("revokes once: a second revocation keeps the first time; an unknown hash is a no-op", async () => {
    await repo.insert(session("h1"));
    await repo.revoke("h1", at(1_000));
    await repo.revoke("h1", at(2_000));
    await repo.revoke("unknown", at(2_000));
    const found = (await repo.findByTokenHash("h1"))!;
    expect(found.revokedAt).toEqual(at(1_000));
    expect(isActive(found, at(1_500), 7)).toBe(false);
  });

  describe("rotate", () => {
    it("inserts the new session and revokes the previous one, at the new one's start", async () => {
      await repo.insert(session("old"));
      const fresh = session("new", { createdAt: at(5_000), lastUsedAt: at(5_000) });
      await repo.rotate("old", fresh);
      expect((await repo.findByTokenHash("old"))?.revokedAt).toEqual(at(5_000));
      expect(await repo.findByTokenHash("new")).toEqual(fresh);
    });

    it("keeps an earlier revocation, and accepts an unknown previous session", async () => {
      await repo.insert(session("old"));
      await repo.revoke("old", at(1_000));
      await repo.rotate("old", session("new", { createdAt: at(5_000) }));
      expect((await repo.findByTokenHash("old"))?.revokedAt).toEqual(at(1_000));
      await repo.rotate("never-existed", session("newer", { createdAt: at(6_000) }));
      expect(await repo.findByTokenHash("newer")).not.toBeNull();
    });

    it("is one transaction: when the insert fails, the previous session is not revoked", async () => {
      await repo.insert(session("old"));
      await repo.insert(session("taken"));
      await expect(
        repo.rotate("old", session("taken", { createdAt: at(5_000) })),
      ).rejects.toThrow();
      expect((await repo.findByTokenHash("old"))?.revokedAt).toBeNull();
    });
  });

  describe("touch", () => {
    it("records a use only when the last one is older than the cutoff", async () => {
      await repo.insert(session("h1"));
      expect(await repo.touch("h1", at(60_000), T0)).toBe(false); // T0 is not before T0
      expect((await repo.findByTokenHash("h1"))?.lastUsedAt).toEqual(T0);
      expect(await repo.touch("h1", at(400_000), at(100_000))).toBe(true);
      expect((await repo.findByTokenHash("h1"))?.lastUsedAt).toEqual(at(400_000));
    });

    it("writes once among concurrent uses of a busy session", async () => {
      await repo.insert(session("h1"));
      const wrote = await Promise.all(
        Array.from({ length: 10 }, (_, i) => repo.touch("h1", at(400_000 + i), at(100_000))),
      );
      expect(wrote.filter(Boolean)).toHaveLength(1);
      const winner = wrote.indexOf(true);
      expect((await repo.findByTokenHash("h1"))?.lastUsedAt).toEqual(at(400_000 + winner));
    });

    it("does not touch a revoked session or an unknown hash", async () => {
      await repo.insert(session("h1"));
      await repo.revoke("h1", at(1_000));
      expect(await repo.touch("h1", at(400_000), at(300_000))).toBe(false);
      expect(await repo.touch("unknown", at(400_000), at(300_000))).toBe(false);
      expect((await repo.findByTokenHash("h1"))?.lastUsedAt).toEqual(T0);
    });
  });

  it("refuses a session for a user that does not exist", async () => {
    await expect(
      repo.insert(session("h1", { userId: "00000000-0000-4000-8000-00000000dead" })),
    ).rejects.toThrow();
  });

  it("deletes sessions that ended (expired, revoked or idle) before the cutoff, and only those", async () => {
    await repo.insert(session("expired-old", { expiresAt: at(DAY) }));
    await repo.insert(session("expired-new", { expiresAt: at(5 * DAY), lastUsedAt: at(2 * DAY) }));
    await repo.insert(session("revoked-old", { revokedAt: at(DAY), lastUsedAt: at(2 * DAY) }));
    await repo.insert(session("active", { lastUsedAt: at(2 * DAY) }));
    // Idle for a day from T0: ended on day 1. From day 1.5: ended on day 2.5, after the cutoff.
    await repo.insert(session("idle-old"));
    await repo.insert(session("idle-new", { lastUsedAt: at(1.5 * DAY) }));
    expect(await repo.deleteEndedBefore(at(2 * DAY), DAY)).toBe(3);
    const left = await t.db.session.findMany({ select: { tokenHash: true } });
    expect(left.map((s) => s.tokenHash).sort()).toEqual(["active", "expired-new", "idle-new"]);
  });

  it("finds what housekeeping deletes through indexes, never a scan of the whole table", async () => {
    // The same condition deleteEndedBefore sends; with sequential scans priced out, the plan
    // shows whether every branch of the OR has an index to use.
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN DELETE FROM "session" WHERE "expires_at" < $1 OR "revoked_at" < $1
         OR "last_used_at" < $2`,
        at(DAY),
        T0,
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).not.toContain("Seq Scan");
    for (const index of [
      "session_expires_at_idx",
      "session_revoked_at_idx",
      "session_last_used_at_idx",
    ])
      expect(text).toContain(index);
  });

  it("gives sessions from before the idle migration a last use of the migration's time", async () => {
    // What the migration's column default does for existing rows (and any row written
    // around the repository without one).
    const before = new Date();
    await t.db.$executeRaw`
      INSERT INTO "session" ("token_hash", "user_id", "created_at", "expires_at")
      VALUES ('legacy', ${ann.id}::uuid, ${T0}, ${at(30 * DAY)})`;
    const legacy = (await repo.findByTokenHash("legacy"))!;
    expect(legacy.lastUsedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it("goes with its user when the user is deleted", async () => {
    await repo.insert(session("h1"));
    await t.db.user.delete({ where: { id: ann.id } });
    expect(await repo.findByTokenHash("h1")).toBeNull();
  });
});
