import { beforeEach, describe, expect, it } from "vitest";
import { attemptKeys, signIn } from "./sign-in";
import { signUp } from "./sign-up";
import type { User } from "../domain/user";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

const PASSWORD = "correct-password";

describe("signIn", () => {
  let deps: MemoryDeps;
  let ann: User;
  beforeEach(async () => {
    deps = memoryDeps();
    ann = valueOf(
      await signUp(deps, { email: "ann@meridian.test", password: PASSWORD, displayName: "Ann" }),
    ).user;
    deps.sessions.rows.clear();
    deps.passwords.verified.length = 0;
    // 15 s into a one-minute window.
    deps.clock.set(new Date(T0.getTime() + 15_000));
  });

  const attempt = (overrides: { email?: string; password?: string; clientIp?: string } = {}) =>
    signIn(deps, { email: "ann@meridian.test", password: PASSWORD, ...overrides });

  it("opens a session for the right password, the email in any case", async () => {
    const grant = valueOf(await attempt({ email: "ANN@Meridian.Test" }));
    expect(grant.user).toEqual(ann);
    expect(grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.expiresAt).toEqual(new Date(T0.getTime() + 15_000 + 30 * 86_400_000));
    expect(deps.sessions.rows.get(deps.tokens.hash(grant.token))?.userId).toBe(ann.id);
  });

  it("gives a wrong password and an unknown email the same error, after the same work", async () => {
    const wrongPassword = await attempt({ password: "wrong-password" });
    const unknownEmail = await attempt({ email: "nobody@meridian.test" });
    expect(errorOf(wrongPassword, "INVALID_CREDENTIALS")).toEqual({ code: "INVALID_CREDENTIALS" });
    expect(unknownEmail).toEqual(wrongPassword);
    // One argon2 verification each: the real hash, then the dummy one (same parameters).
    expect(deps.passwords.verified).toEqual([ann.passwordHash, deps.passwords.dummyHash]);
    expect(deps.passwords.dummyHash).not.toBe(ann.passwordHash);
    expect(deps.sessions.rows.size).toBe(0);
  });

  it("never accepts any password for an unknown email (the dummy hash matches nothing)", async () => {
    for (const password of ["", "correct-password", "dummy", "password"])
      errorOf(await attempt({ email: "nobody@meridian.test", password }), "INVALID_CREDENTIALS");
  });

  it("refuses the 11th attempt on an email within a minute, even with the right password", async () => {
    for (let i = 0; i < 10; i++)
      errorOf(await attempt({ password: "wrong" }), "INVALID_CREDENTIALS");
    const verifications = deps.passwords.verified.length;
    const limited = errorOf(await attempt(), "RATE_LIMITED");
    expect(limited).toEqual({ code: "RATE_LIMITED", action: "sign-in", retryAfterSeconds: 45 });
    // Refused before any password work.
    expect(deps.passwords.verified.length).toBe(verifications);
    expect(deps.sessions.rows.size).toBe(0);
  });

  it("counts successful attempts too, and lets the email in again in the next window", async () => {
    for (let i = 0; i < 10; i++) valueOf(await attempt());
    deps.clock.advance(40_000); // 55 s into the window
    expect(errorOf(await attempt(), "RATE_LIMITED").retryAfterSeconds).toBe(5);
    deps.clock.advance(5_000); // the next window
    valueOf(await attempt());
  });

  it("limits a client address across emails, independently of the email's own limit", async () => {
    for (let i = 0; i < 10; i++)
      errorOf(
        await attempt({ email: `guess-${i}@meridian.test`, clientIp: "203.0.113.7" }),
        "INVALID_CREDENTIALS",
      );
    // Ann's email has no attempts yet, but this address is spent...
    expect(
      errorOf(await attempt({ clientIp: "203.0.113.7" }), "RATE_LIMITED").retryAfterSeconds,
    ).toBe(45);
    // ...while another address signs Ann in.
    valueOf(await attempt({ clientIp: "198.51.100.2" }));
  });

  it("limits an email across client addresses", async () => {
    for (let i = 0; i < 10; i++)
      errorOf(
        await attempt({ password: "wrong", clientIp: `198.51.100.${i}` }),
        "INVALID_CREDENTIALS",
      );
    errorOf(await attempt({ clientIp: "198.51.100.99" }), "RATE_LIMITED");
    // Another email from the same address is unaffected.
    errorOf(
      await attempt({ email: "bob@meridian.test", clientIp: "198.51.100.99" }),
      "INVALID_CREDENTIALS",
    );
  });

  it("counts under the email alone without a client address, under both with one", async () => {
    await attempt({ email: "Ann@Meridian.test" });
    await attempt({ clientIp: "203.0.113.7" });
    const counts = [...deps.attempts.windows.values()].map((w) => [w.key, w.windowStart, w.count]);
    expect(counts).toEqual([
      ["email:ann@meridian.test", T0, 2],
      ["ip:203.0.113.7", T0, 1],
    ]);
    expect(attemptKeys(" ANN@meridian.test", "::1")).toEqual(["email:ann@meridian.test", "ip:::1"]);
  });
});
