import { describe, expect, it } from "vitest";
import {
  ALL_LIMITS,
  decideAttempt,
  LONGEST_WINDOW,
  SIGN_IN_CLIENT_LIMIT,
  SIGN_IN_DEVICE_FAILURE_LIMIT,
  SIGN_IN_FAILURE_LIMIT,
  SIGN_IN_PAIR_LIMIT,
  SIGN_IN_UNKNOWN_CLIENT_LIMIT,
  SIGN_UP_LIMIT,
  signInAttemptKeys,
  signInDeviceFailureKey,
  signInFailureKey,
  signUpAttemptKey,
  windowStartOf,
} from "./rate-limit";
import { T0 } from "../test/fixtures";

const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const minute = SIGN_IN_PAIR_LIMIT;

describe("the sign-in and sign-up policies", () => {
  it("are the documented numbers (README, Sign-in limits)", () => {
    expect(SIGN_IN_PAIR_LIMIT).toEqual({ maxAttempts: 10, windowMs: MINUTE });
    expect(SIGN_IN_CLIENT_LIMIT).toEqual({ maxAttempts: 100, windowMs: 15 * MINUTE });
    expect(SIGN_IN_UNKNOWN_CLIENT_LIMIT).toEqual({ maxAttempts: 300, windowMs: 15 * MINUTE });
    expect(SIGN_IN_FAILURE_LIMIT).toEqual({ maxAttempts: 300, windowMs: 60 * MINUTE });
    expect(SIGN_IN_DEVICE_FAILURE_LIMIT).toEqual({ maxAttempts: 10, windowMs: 60 * MINUTE });
    expect(SIGN_UP_LIMIT).toEqual({ maxAttempts: 10, windowMs: 60 * MINUTE });
  });

  it("let the owner in after 20 addresses spent their pair limit on her email", () => {
    // 20 x 10 failures are under the per-email failure ceiling.
    expect(20 * SIGN_IN_PAIR_LIMIT.maxAttempts).toBeLessThan(SIGN_IN_FAILURE_LIMIT.maxAttempts);
  });

  it("all have windows that divide the longest one, so housekeeping never cuts one short", () => {
    for (const policy of ALL_LIMITS) {
      expect(policy.windowMs).toBeLessThanOrEqual(LONGEST_WINDOW.windowMs);
      expect(LONGEST_WINDOW.windowMs % policy.windowMs).toBe(0);
    }
  });
});

describe("signInAttemptKeys", () => {
  it("counts the address first, then the (email, address) pair, the email normalized", () => {
    expect(signInAttemptKeys(" ANN@meridian.test", "203.0.113.7")).toEqual([
      { key: "sign-in-ip:203.0.113.7", policy: SIGN_IN_CLIENT_LIMIT },
      { key: "sign-in-pair:203.0.113.7 ann@meridian.test", policy: SIGN_IN_PAIR_LIMIT },
    ]);
  });

  it("counts an IPv6 client by its /64: rotating through the rest of it changes nothing", () => {
    expect(signInAttemptKeys("ann@meridian.test", "2001:db8::1")).toEqual([
      { key: "sign-in-ip:2001:db8:0:0::/64", policy: SIGN_IN_CLIENT_LIMIT },
      { key: "sign-in-pair:2001:db8:0:0::/64 ann@meridian.test", policy: SIGN_IN_PAIR_LIMIT },
    ]);
    expect(signInAttemptKeys("ann@meridian.test", "2001:db8::ffff")).toEqual(
      signInAttemptKeys("ann@meridian.test", "2001:db8::1"),
    );
    expect(signInAttemptKeys("ann@meridian.test", "2001:db8:0:1::1")).not.toEqual(
      signInAttemptKeys("ann@meridian.test", "2001:db8::1"),
    );
    expect(signInAttemptKeys("ann@meridian.test", "::1")[0]?.key).toBe("sign-in-ip:0:0:0:0::/64");
  });

  it("without an address, counts the shared budget, then the email under 'no address'", () => {
    expect(signInAttemptKeys("Ann@Meridian.test")).toEqual([
      { key: "sign-in-ip:(no address)", policy: SIGN_IN_UNKNOWN_CLIENT_LIMIT },
      { key: "sign-in-pair:(no address) ann@meridian.test", policy: SIGN_IN_PAIR_LIMIT },
    ]);
    expect(signInAttemptKeys("ann@meridian.test", "")).toEqual(
      signInAttemptKeys("ann@meridian.test"),
    );
  });

  it("keeps failures per email and per device, and sign-ups per address, apart from the attempt keys", () => {
    expect(signInFailureKey(" Ann@Meridian.test")).toEqual({
      key: "sign-in-failures:ann@meridian.test",
      policy: SIGN_IN_FAILURE_LIMIT,
    });
    expect(signInDeviceFailureKey("ab".repeat(32))).toEqual({
      key: `sign-in-device:${"ab".repeat(32)}`,
      policy: SIGN_IN_DEVICE_FAILURE_LIMIT,
    });
    expect(signUpAttemptKey("198.51.100.7")).toEqual({
      key: "sign-up-ip:198.51.100.7",
      policy: SIGN_UP_LIMIT,
    });
  });

  it("counts sign-ups from an IPv6 client by its /64, and those without an address together", () => {
    expect(signUpAttemptKey("2001:db8::ffff")).toEqual(signUpAttemptKey("2001:db8::1"));
    expect(signUpAttemptKey("2001:db8::1").key).toBe("sign-up-ip:2001:db8:0:0::/64");
    expect(signUpAttemptKey("2001:db8:0:1::1").key).toBe("sign-up-ip:2001:db8:0:1::/64");
    expect(signUpAttemptKey()).toEqual({ key: "sign-up-ip:(no address)", policy: SIGN_UP_LIMIT });
    expect(signUpAttemptKey("")).toEqual(signUpAttemptKey());
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
    expect(windowStartOf(at(ms), minute)).toEqual(at(start));
  });

  it("works for dates before the epoch too", () => {
    expect(windowStartOf(new Date(-1), minute)).toEqual(new Date(-60_000));
  });

  it("aligns each policy's windows on its own length", () => {
    expect(windowStartOf(at(16 * MINUTE + 5), SIGN_IN_CLIENT_LIMIT)).toEqual(at(15 * MINUTE));
    expect(windowStartOf(at(59 * MINUTE), SIGN_IN_FAILURE_LIMIT)).toEqual(T0);
  });
});

describe("decideAttempt", () => {
  it("allows the first ten attempts of a window", () => {
    for (let count = 1; count <= 10; count++)
      expect(decideAttempt(count, T0, at(59_000), minute)).toEqual({ allowed: true });
  });

  it("refuses the eleventh until the window ends, rounding the wait up to whole seconds", () => {
    expect(decideAttempt(11, T0, at(15_000), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
    });
    expect(decideAttempt(11, T0, at(15_001), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
    });
    expect(decideAttempt(11, T0, at(14_999), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 46,
    });
    expect(decideAttempt(500, T0, at(0), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
    });
  });

  it("never asks to wait less than a second or more than the window", () => {
    expect(decideAttempt(11, T0, at(59_999), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // A caller whose clock is past the window (or before it) still gets a sensible answer.
    expect(decideAttempt(11, T0, at(61_000), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(decideAttempt(11, T0, at(-5_000), minute)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
    });
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
