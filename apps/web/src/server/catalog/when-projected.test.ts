import { describe, expect, it, vi } from "vitest";
import { whenProjected } from "./when-projected";

const noSleep = () => Promise.resolve();

describe("whenProjected", () => {
  it("waits until the view shows the written version", async () => {
    const versions = [3, 3, 4];
    const read = vi.fn(async () => ({ version: versions.shift() ?? 4 }));
    expect(await whenProjected({ id: "p", version: 4 }, read, noSleep)).toBe(true);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it("accepts a later version, and a product the view no longer shows", async () => {
    expect(
      await whenProjected({ id: "p", version: 4 }, async () => ({ version: 6 }), noSleep),
    ).toBe(true);
    expect(await whenProjected({ id: "p", version: 4 }, async () => null, noSleep)).toBe(true);
  });

  it("gives up after its limit when the view never catches up, and survives failed reads", async () => {
    const read = vi.fn(async () => {
      if (read.mock.calls.length % 2) throw new Error("product-service down");
      return { version: 1 };
    });
    const started = Date.now();
    expect(await whenProjected({ id: "p", version: 2 }, read, undefined, 200)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(read.mock.calls.length).toBeGreaterThan(2);
  });
});
