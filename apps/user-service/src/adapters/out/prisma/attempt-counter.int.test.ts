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

  it("reserves up to a limit at once: of 25 concurrent reservations under a limit of 10, 10 count", async () => {
    await counter.hit("sign-in-device:h", T0); // one failure already
    const reserved = await Promise.all(
      Array.from({ length: 25 }, () => counter.reserve("sign-in-device:h", T0, 10)),
    );
    expect(reserved.filter(Boolean)).toHaveLength(9);
    expect(await counter.count("sign-in-device:h", T0)).toBe(10);
    // Past the limit nothing is counted; another window, or another key, has its own places.
    expect(await counter.reserve("sign-in-device:h", T0, 10)).toBe(false);
    expect(await counter.count("sign-in-device:h", T0)).toBe(10);
    expect(await counter.reserve("sign-in-device:h", at(3_600_000), 10)).toBe(true);
    expect(await counter.reserve("sign-in-device:other", T0, 10)).toBe(true);
    expect(await counter.reserve("sign-in-device:none", T0, 0)).toBe(false);
    expect(await counter.count("sign-in-device:none", T0)).toBe(0);
  });

  it("releases a reserved place, never below 0: the place is free again", async () => {
    for (let i = 0; i < 3; i++) expect(await counter.reserve("k", T0, 3)).toBe(true);
    expect(await counter.reserve("k", T0, 3)).toBe(false);
    await counter.release("k", T0);
    expect(await counter.count("k", T0)).toBe(2);
    expect(await counter.reserve("k", T0, 3)).toBe(true);
    await Promise.all(Array.from({ length: 5 }, () => counter.release("k", T0)));
    expect(await counter.count("k", T0)).toBe(0);
    await counter.release("never-hit", T0);
    expect(await counter.count("never-hit", T0)).toBe(0);
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
