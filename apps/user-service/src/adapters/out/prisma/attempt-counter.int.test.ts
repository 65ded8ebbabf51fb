import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaAttemptCounter } from "./attempt-counter";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { T0 } from "../../../test/fixtures";

// A pool big enough that the concurrent increments below really run at once.
const t = useTestDatabase(25);
const at = (ms: number) => new Date(T0.getTime() + ms);
let counter: PrismaAttemptCounter;

beforeAll(() => {
  counter = new PrismaAttemptCounter(t.db);
});

describe("PrismaAttemptCounter", () => {
  beforeEach(async () => {
    await truncateAccounts(t.db);
  });

  it("counts attempts per key and per window", async () => {
    expect(await counter.hit("email:ann@meridian.test", T0)).toBe(1);
    expect(await counter.hit("email:ann@meridian.test", T0)).toBe(2);
    expect(await counter.hit("ip:203.0.113.7", T0)).toBe(1);
    expect(await counter.hit("email:ann@meridian.test", at(60_000))).toBe(1);
    expect(await counter.hit("email:ann@meridian.test", T0)).toBe(3);
  });

  it("is atomic: 25 concurrent attempts get the counts 1..25, none lost", async () => {
    const counts = await Promise.all(
      Array.from({ length: 25 }, () => counter.hit("email:race@meridian.test", T0)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const row = await t.db.signInAttempt.findUniqueOrThrow({
      where: { key_windowStart: { key: "email:race@meridian.test", windowStart: T0 } },
    });
    expect(row.count).toBe(25);
  });

  it("reads a count without changing it (0 for a key or window never hit)", async () => {
    expect(await counter.count("sign-in-failures:ann@meridian.test", T0)).toBe(0);
    await counter.hit("sign-in-failures:ann@meridian.test", T0);
    await counter.hit("sign-in-failures:ann@meridian.test", T0);
    expect(await counter.count("sign-in-failures:ann@meridian.test", T0)).toBe(2);
    expect(await counter.count("sign-in-failures:ann@meridian.test", T0)).toBe(2);
    expect(await counter.count("sign-in-failures:ann@meridian.test", at(3_600_000))).toBe(0);
    expect(await counter.count("sign-in-failures:bob@meridian.test", T0)).toBe(0);
    expect(await t.db.signInAttempt.count()).toBe(1);
  });

  it("deletes the windows that started before the cutoff", async () => {
    await counter.hit("a", T0);
    await counter.hit("b", at(60_000));
    await counter.hit("c", at(120_000));
    expect(await counter.deleteWindowsBefore(at(120_000))).toBe(2);
    expect((await t.db.signInAttempt.findMany()).map((w) => w.key)).toEqual(["c"]);
  });
});
