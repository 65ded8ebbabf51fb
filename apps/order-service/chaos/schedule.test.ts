import { describe, expect, it } from "vitest";
import { parseOptions, replayCommand } from "./options";
import { seededRandom } from "./prng";
import { faultEnd, faultSchedule, type Fault } from "./schedule";
import { planCheckouts } from "./world";

const shape = { seconds: 150, services: ["a", "b", "c", "d"], instances: 2 };

describe("the chaos run's seed", () => {
  it("replays the same fault schedule and checkouts; another seed gives others", () => {
    const one = (seed: number) => faultSchedule(seededRandom(seed).fork("faults"), shape);
    expect(one(7)).toEqual(one(7));
    expect(one(7)).not.toEqual(one(8));
    const plan = (seed: number) =>
      planCheckouts(seededRandom(seed).fork("checkouts"), {
        checkouts: 50,
        shoppers: 10,
        seconds: 60,
      });
    expect(plan(3)).toEqual(plan(3));
    expect(plan(3)).not.toEqual(plan(4));
  });

  it("a schedule has one broker restart, its bad input in the first minute, everything inside the window, and never both instances of a service down", () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const faults = faultSchedule(seededRandom(seed), shape);
      expect(faults.filter((f) => f.kind === "broker-restart")).toHaveLength(1);
      const bad = faults.filter((f) => f.kind === "bad-input");
      expect(bad).toHaveLength(1);
      expect(bad[0]!.at).toBeLessThan(60_000);
      for (const f of faults) expect(faultEnd(f)).toBeLessThan(150_000);
      const kills = faults.filter((f): f is Extract<Fault, { kind: "kill" }> => f.kind === "kill");
      expect(kills.length).toBeGreaterThan(5);
      for (const k of kills)
        for (const other of kills)
          if (other !== k && other.service === k.service)
            expect(other.at > faultEnd(k) || faultEnd(other) < k.at).toBe(true);
    }
  });

  it("every shopper checks out at least once; the options say how to replay", () => {
    const plan = planCheckouts(seededRandom(1), { checkouts: 30, shoppers: 20, seconds: 60 });
    expect(new Set(plan.map((c) => c.shopper)).size).toBe(20);
    expect(plan).toHaveLength(30);
    const options = parseOptions(["--short", "--seed", "42"], {});
    expect(options).toMatchObject({ seed: 42, checkouts: 300, shoppers: 60, seconds: 60 });
    expect(replayCommand(options)).toBe("npm run chaos -- --short --seed 42");
    expect(parseOptions([], { CHAOS_SEED: "9" }).seed).toBe(9);
    expect(() => parseOptions(["--checkouts", "x"], {})).toThrow(/--checkouts/);
  });
});
