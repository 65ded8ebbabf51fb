import { describe, expect, it } from "vitest";
import { age, count, serviceLabel } from "./format";

describe("ops formatting", () => {
  it("says an age in the unit an operator reads at a glance", () => {
    expect([age(null), age(12), age(4_400), age(125_000), age(7_300_000)]).toEqual([
      "—",
      "12 ms",
      "4 s",
      "2 min",
      "2 h",
    ]);
    expect(age(-5)).toBe("0 ms");
  });

  it("shows an unknown count as ?, and a zero as 0", () => {
    expect([count(null), count(undefined), count(0), count(7)]).toEqual(["?", "?", 0, 7]);
    expect(serviceLabel("order-service")).toBe("order");
  });
});
