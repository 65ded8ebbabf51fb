import { describe, expect, it } from "vitest";
import { decideAttempt, SIGN_IN_LIMIT, windowStartOf } from "./rate-limit";
import { T0 } from "../test/fixtures";

const at = (ms: number) => new Date(T0.getTime() + ms);

describe("SIGN_IN_LIMIT", () => {
  it("is 10 attempts per minute", () => {
    expect(SIGN_IN_LIMIT).toEqual({ maxAttempts: 10, windowMs: 60_000 });
  });
});

describe("windowStartOf", () => {
  it.each([
    [0, 0],
    [1, 0],
    [59_999, 0],
    [60_000, 60_000],
    [61_500, 60_000],
  ])("%i ms after a minute boundary -> window at %i", (ms, start) => {
    expect(windowStartOf(at(ms))).toEqual(at(start));
  });

  it("works for dates before the epoch too", () => {
    expect(windowStartOf(new Date(-1))).toEqual(new Date(-60_000));
  });
});

describe("decideAttempt", () => {
  it("allows the first ten attempts of a window", () => {
    for (let count = 1; count <= 10; count++)
      expect(decideAttempt(count, T0, at(59_000))).toEqual({ allowed: true });
  });

  it("refuses the eleventh until the window ends, rounding the wait up to whole seconds", () => {
    expect(decideAttempt(11, T0, at(15_000))).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(decideAttempt(11, T0, at(15_001))).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(decideAttempt(11, T0, at(14_999))).toEqual({ allowed: false, retryAfterSeconds: 46 });
    expect(decideAttempt(500, T0, at(0))).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("never asks to wait less than a second or more than the window", () => {
    expect(decideAttempt(11, T0, at(59_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // A caller whose clock is past the window (or before it) still gets a sensible answer.
    expect(decideAttempt(11, T0, at(61_000))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(decideAttempt(11, T0, at(-5_000))).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("follows another policy when given one", () => {
    const policy = { maxAttempts: 2, windowMs: 10_000 };
    expect(decideAttempt(2, T0, at(1_000), policy)).toEqual({ allowed: true });
    expect(decideAttempt(3, T0, at(1_000), policy)).toEqual({
      allowed: false,
      retryAfterSeconds: 9,
    });
  });
});
