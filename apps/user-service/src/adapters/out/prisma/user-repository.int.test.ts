import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaUserRepository } from "./user-repository";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { aUser } from "../../../test/fixtures";

const t = useTestDatabase();
let repo: PrismaUserRepository;

beforeAll(() => {
  repo = new PrismaUserRepository(t.db);
});

describe("PrismaUserRepository", () => {
  beforeEach(async () => {
    await truncateAccounts(t.db);
  });

  it("stores a user and finds it by id and by email (in any case)", async () => {
    const ann = await aUser({ email: "ann@meridian.test", role: "admin" });
    expect(await repo.insert(ann)).toBe("ok");
    expect(await repo.findById(ann.id)).toEqual(ann);
    expect(await repo.findByEmail("ann@meridian.test")).toEqual(ann);
    expect(await repo.findByEmail(" Ann@Meridian.TEST ")).toEqual(ann);
  });

  it("finds several by id in one read, leaving out ids with no account", async () => {
    const ann = await aUser({ email: "ann@meridian.test" });
    const bob = await aUser({ email: "bob@meridian.test" });
    for (const u of [ann, bob]) expect(await repo.insert(u)).toBe("ok");
    const found = await repo.findByIds([bob.id, randomUUID(), ann.id]);
    expect(found.map((u) => u.id).sort()).toEqual([ann.id, bob.id].sort());
    expect(await repo.findByIds([])).toEqual([]);
  });

  it("answers null for an unknown id or email", async () => {
    expect(await repo.findById(randomUUID())).toBeNull();
    expect(await repo.findByEmail("nobody@meridian.test")).toBeNull();
  });

  it('answers "email-taken" for a second account on the same address, whatever its case', async () => {
    const first = await aUser({ email: "ann@meridian.test" });
    expect(await repo.insert(first)).toBe("ok");
    expect(await repo.insert(await aUser({ email: "ann@meridian.test" }))).toBe("email-taken");
    expect(await repo.insert(await aUser({ email: "ANN@Meridian.Test" }))).toBe("email-taken");
    expect(await t.db.user.count()).toBe(1);
    expect((await repo.findByEmail("ann@meridian.test"))?.id).toBe(first.id);
  });

  it("stores the email lower-case, and the database refuses any other spelling", async () => {
    const ann = await aUser({ email: "Ann@Meridian.Test" });
    await repo.insert(ann);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ann.id } })).email).toBe(
      "ann@meridian.test",
    );
    // Written around the repository: the CHECK constraint still keeps addresses lower-case.
    await expect(
      t.db.user.create({ data: { ...(await aUser()), email: "Bob@Meridian.test" } }),
    ).rejects.toThrow();
  });

  it("does not hide other failures as email-taken (duplicate id)", async () => {
    const ann = await aUser();
    await repo.insert(ann);
    await expect(repo.insert({ ...ann, email: "other@meridian.test" })).rejects.toThrow();
  });
});
