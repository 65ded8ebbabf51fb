import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaKnownDeviceRepository } from "./known-device-repository";
import { PrismaUserRepository } from "./user-repository";
import { InMemoryKnownDeviceRepository } from "../memory/repositories";
import { issueDevice } from "../../../domain/device";
import type { User } from "../../../domain/user";
import type { KnownDeviceRepository } from "../../../application/ports";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { aUser, T0 } from "../../../test/fixtures";

// A pool big enough that the concurrent sign-ins below really run at once.
const t = useTestDatabase(12);
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
let ann: User;
let eve: User;

beforeEach(async () => {
  await truncateAccounts(t.db);
  ann = await aUser();
  eve = await aUser();
  const users = new PrismaUserRepository(t.db);
  await users.insert(ann);
  await users.insert(eve);
});

// One expectation set for both adapters, so the in-memory one cannot drift from the database.
const adapters: [string, () => KnownDeviceRepository][] = [
  ["PrismaKnownDeviceRepository", () => new PrismaKnownDeviceRepository(t.db)],
  ["InMemoryKnownDeviceRepository", () => new InMemoryKnownDeviceRepository()],
];

describe.each(adapters)("%s", (_, make) => {
  let repo: KnownDeviceRepository;
  beforeAll(() => {
    repo = make();
  });
  beforeEach(() => {
    repo = make();
  });
  const device = (tokenHash: string, user: User, ms = 0) =>
    issueDevice({ tokenHash, userId: user.id, now: at(ms) });

  it("remembers a device and finds it by token hash, to the millisecond", async () => {
    await repo.remember(device("a".repeat(64), ann, 123), { keep: 20 });
    expect(await repo.findByTokenHash("a".repeat(64))).toEqual({
      tokenHash: "a".repeat(64),
      userId: ann.id,
      createdAt: at(123),
    });
    expect(await repo.findByTokenHash("b".repeat(64))).toBeNull();
  });

  it("replaces the previous device of the same user, never another user's", async () => {
    await repo.remember(device("eves", eve), { keep: 20 });
    await repo.remember(device("anns-old", ann), { keep: 20 });
    await repo.remember(device("anns-new", ann, 1_000), { replacing: "anns-old", keep: 20 });
    await repo.remember(device("anns-other", ann, 2_000), { replacing: "eves", keep: 20 });
    expect(await repo.findByTokenHash("anns-old")).toBeNull();
    expect(await repo.findByTokenHash("anns-new")).not.toBeNull();
    expect(await repo.findByTokenHash("eves")).not.toBeNull();
    await repo.remember(device("anns-3", ann, 3_000), { replacing: "nothing", keep: 20 });
    expect(await repo.findByTokenHash("anns-3")).not.toBeNull();
  });

  it("keeps the user's newest `keep` devices, the new one always among them", async () => {
    await repo.remember(device("eves", eve), { keep: 3 });
    for (let i = 1; i <= 4; i++)
      await repo.remember(device(`anns-${i}`, ann, i * 1_000), { keep: 3 });
    const found = async (hashes: string[]) =>
      (await Promise.all(hashes.map((h) => repo.findByTokenHash(h)))).map((d) => d?.tokenHash);
    expect(await found(["anns-1", "anns-2", "anns-3", "anns-4", "eves"])).toEqual([
      undefined,
      "anns-2",
      "anns-3",
      "anns-4",
      "eves",
    ]);
    // A device issued at an earlier instant than the others (a clock step back) still stays.
    await repo.remember(device("anns-0", ann, 0), { keep: 3 });
    expect(await found(["anns-0", "anns-2", "anns-3", "anns-4"])).toEqual([
      "anns-0",
      undefined,
      "anns-3",
      "anns-4",
    ]);
  });

  it("keeps at most `keep` whatever the number of sign-ins at once, the new ones among them", async () => {
    await repo.remember(device("eves", eve), { keep: 20 });
    for (let i = 1; i <= 19; i++)
      await repo.remember(device(`anns-${i}`, ann, i * 1_000), { keep: 20 });
    const anns = async () =>
      (
        await Promise.all(
          Array.from({ length: 80 }, (_, i) => repo.findByTokenHash(`anns-${i + 1}`)),
        )
      ).flatMap((d) => (d ? [d.tokenHash] : []));
    // Ten sign-ins of Ann's at the same moment, each from a browser without her device cookie;
    // three times over (one round might happen to run one after the other).
    for (let round = 0; round < 3; round++) {
      const fresh = Array.from({ length: 10 }, (_, i) => `anns-${20 + round * 10 + i}`);
      await Promise.all(
        fresh.map((hash, i) =>
          repo.remember(device(hash, ann, (20 + round * 10 + i) * 1_000), { keep: 20 }),
        ),
      );
      const kept = await anns();
      expect(kept, `round ${round}`).toHaveLength(20);
      expect(kept).toEqual(expect.arrayContaining(fresh));
    }
    expect(await repo.findByTokenHash("eves")).not.toBeNull();
  });

  it("refuses a token hash it already holds", async () => {
    await repo.remember(device("same", ann), { keep: 20 });
    await expect(repo.remember(device("same", ann, 1), { keep: 20 })).rejects.toThrow();
    expect((await repo.findByTokenHash("same"))?.createdAt).toEqual(T0);
  });

  it("deletes devices issued before a cutoff", async () => {
    await repo.remember(device("old", ann, 0), { keep: 20 });
    await repo.remember(device("new", ann, DAY), { keep: 20 });
    expect(await repo.deleteCreatedBefore(at(DAY))).toBe(1);
    expect(await repo.findByTokenHash("old")).toBeNull();
    expect(await repo.findByTokenHash("new")).not.toBeNull();
  });
});

describe("known_device in the database", () => {
  it("goes with its user (ON DELETE CASCADE)", async () => {
    const repo = new PrismaKnownDeviceRepository(t.db);
    await repo.remember(issueDevice({ tokenHash: "h", userId: ann.id, now: T0 }), { keep: 20 });
    await t.db.user.delete({ where: { id: ann.id } });
    expect(await repo.findByTokenHash("h")).toBeNull();
  });

  it("has the indexes trimming and housekeeping use", async () => {
    const rows = await t.db.$queryRaw<{ indexname: string }[]>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE tablename = 'known_device'`;
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        "known_device_user_id_created_at_idx",
        "known_device_created_at_idx",
      ]),
    );
  });
});
