import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaSessionRepository } from "./session-repository";
import { PrismaUserRepository } from "./user-repository";
import { isActive, startSession, type Session } from "../../../domain/session";
import type { User } from "../../../domain/user";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { aUser, T0 } from "../../../test/fixtures";

const t = useTestDatabase();
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
    expect(isActive(found, at(DAY + 122))).toBe(true);
    expect(isActive(found, at(DAY + 123))).toBe(false);
  });

  it("revokes once: a second revocation keeps the first time; an unknown hash is a no-op", async () => {
    await repo.insert(session("h1"));
    await repo.revoke("h1", at(1_000));
    await repo.revoke("h1", at(2_000));
    await repo.revoke("unknown", at(2_000));
    const found = (await repo.findByTokenHash("h1"))!;
    expect(found.revokedAt).toEqual(at(1_000));
    expect(isActive(found, at(1_500))).toBe(false);
  });

  it("refuses a session for a user that does not exist", async () => {
    await expect(
      repo.insert(session("h1", { userId: "00000000-0000-4000-8000-00000000dead" })),
    ).rejects.toThrow();
  });

  it("deletes sessions that ended (expired or revoked) before the cutoff, and only those", async () => {
    await repo.insert(session("expired-old", { expiresAt: at(DAY) }));
    await repo.insert(session("expired-new", { expiresAt: at(5 * DAY) }));
    await repo.insert(session("revoked-old", { revokedAt: at(DAY) }));
    await repo.insert(session("active"));
    expect(await repo.deleteEndedBefore(at(2 * DAY))).toBe(2);
    const left = await t.db.session.findMany({ select: { tokenHash: true } });
    expect(left.map((s) => s.tokenHash).sort()).toEqual(["active", "expired-new"]);
  });

  it("goes with its user when the user is deleted", async () => {
    await repo.insert(session("h1"));
    await t.db.user.delete({ where: { id: ann.id } });
    expect(await repo.findByTokenHash("h1")).toBeNull();
  });
});
