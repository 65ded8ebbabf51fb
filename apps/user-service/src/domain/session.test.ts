import { describe, expect, it } from "vitest";
import { isActive, revokeSession, startSession } from "./session";
import { T0 } from "../test/fixtures";

const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("startSession", () => {
  it("expires ttlDays after it starts and is not revoked", () => {
    expect(startSession({ tokenHash: "h", userId: "u", now: T0, ttlDays: 30 })).toEqual({
      tokenHash: "h",
      userId: "u",
      createdAt: T0,
      expiresAt: at(30 * DAY),
      revokedAt: null,
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
    expect(isActive(session, at(ms))).toBe(expected);
  });

  it("is false once revoked, even before the expiry", () => {
    expect(isActive(revokeSession(session, at(10)), at(20))).toBe(false);
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
