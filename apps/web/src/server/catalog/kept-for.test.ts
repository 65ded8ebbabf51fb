import { describe, expect, it } from "vitest";
import { keptFor } from "./kept-for";

describe("keptFor", () => {
  it("answers from the first load until the time is up, then loads again", async () => {
    let clock = 0;
    let loads = 0;
    const kept = keptFor<number>(1_000, () => clock);
    const get = () => kept(async () => ++loads);
    expect(await get()).toBe(1);
    clock = 999;
    expect(await get()).toBe(1);
    clock = 1_000;
    expect(await get()).toBe(2);
    expect(loads).toBe(2);
  });

  it("shares a load in flight between callers", async () => {
    let loads = 0;
    let release!: (n: number) => void;
    const kept = keptFor<number>(1_000);
    const get = () =>
      kept(() => {
        loads++;
        return new Promise<number>((r) => (release = r));
      });
    const both = Promise.all([get(), get()]);
    release(7);
    expect(await both).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it("does not keep a failure: the next call asks again", async () => {
    let loads = 0;
    const kept = keptFor<number>(1_000);
    const get = () =>
      kept(async () => {
        if (++loads === 1) throw new Error("down");
        return loads;
      });
    await expect(get()).rejects.toThrow("down");
    expect(await get()).toBe(2);
  });
});
