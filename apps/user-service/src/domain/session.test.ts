import { describe, expect, it } from "vitest";
import {
  isActive,
  needsTouch,
  revokeSession,
  SESSION_TOUCH_INTERVAL_MS,
  startSession,
  touchCutoff,
} from "./session";
import { T0 } from "../test/fixtures";

const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("startSession", () => {
  it("expires ttlDays after it starts, is not revoked, and was last used at its start", () => {
    expect(startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 30 })).toEqual({
      tokenHash: "h",
      userId: "u",
      createdAt: T0,
      expiresAt: at(30 * DAY),
      revokedAt: null,
      lastUsedAt: T0,
    });
  });
});

describe("isActive", () => {
  const session = startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 1 });

  it.each([
    [0, true],
    [DAY - 1, true],
    [DAY, false],
    [DAY + 1, false],
  ])("%i ms after the start -> %s", (ms, expected) => {
    expect(isActive(session, at(ms), 7)).toBe(expected);
  });

  it("is false once revoked, even before the expiry", () => {
    expect(isActive(revokeSession(session, at(10)), at(20), 7)).toBe(false);
  });

  it("is false once unused for idleDays (exclusive), counted from the last use", () => {
    const month = startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 30 });
    expect(isActive(month, at(7 * DAY - 1), 7)).toBe(true);
    expect(isActive(month, at(7 * DAY), 7)).toBe(false);
    const usedOnDay6 = { ...month, lastUsedAt: at(6 * DAY) };
    expect(isActive(usedOnDay6, at(13 * DAY - 1), 7)).toBe(true);
    expect(isActive(usedOnDay6, at(13 * DAY), 7)).toBe(false);
  });

  it("still ends at the absolute expiry however recently it was used", () => {
    const month = startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 30 });
    expect(isActive({ ...month, lastUsedAt: at(30 * DAY - 1) }, at(30 * DAY), 7)).toBe(false);
  });
});

describe("needsTouch", () => {
  const session = startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 30 });

  it("only once the last recorded use is older than the touch interval", () => {
    expect(SESSION_TOUCH_INTERVAL_MS).toBe(5 * 60_000);
    expect(needsTouch(session, at(0))).toBe(false);
    expect(needsTouch(session, at(SESSION_TOUCH_INTERVAL_MS))).toBe(false);
    expect(needsTouch(session, at(SESSION_TOUCH_INTERVAL_MS + 1))).toBe(true);
    expect(touchCutoff(at(SESSION_TOUCH_INTERVAL_MS + 1))).toEqual(at(1));
  });
});

describe("revokeSession", () => {
  it("records the revocation time", () => {
    const session = startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 1 });
    expect(revokeSession(session, at(5)).revokedAt).toEqual(at(5));
  });

  it("is idempotent: a revoked session keeps its first revocation time", () => {
    const revoked = revokeSession(
      startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 1 }),
      at(5),
    );
    expect(revokeSession(revoked, at(50))).toBe(revoked);
  });
});
