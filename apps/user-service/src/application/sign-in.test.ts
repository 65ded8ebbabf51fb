import { describe, expect, it } from "vitest";
import { signIn } from "./sign-in";
import { resolveSession } from "./resolve-session";
import { KNOWN_DEVICE_TTL_DAYS } from "../domain/device";
import { T0 } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import { ann, attempt, deps, failures, PASSWORD, useAnnSignedUp } from "./sign-in.fixtures";

// The rate limits are in sign-in-rate-limits.test.ts, the known device's exemption in
// sign-in-known-device.test.ts.
describe("signIn", () => {
  useAnnSignedUp();

  it("opens a session for the right password, the email in any case", async () => {
    const grant = valueOf(await attempt({ email: "ANN@Meridian.Test" }));
    expect(grant.user).toEqual(ann);
    expect(grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.expiresAt).toEqual(new Date(T0.getTime() + 15_000 + 30 * 86_400_000));
    expect(deps.sessions.rows.get(deps.tokens.hash(grant.token))?.userId).toBe(ann.id);
  });

  it("gives the browser a device token of its own, storing only its hash", async () => {
    const grant = valueOf(await attempt());
    expect(grant.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.deviceToken).not.toBe(grant.token);
    expect(grant.deviceExpiresAt).toEqual(
      new Date(T0.getTime() + 15_000 + KNOWN_DEVICE_TTL_DAYS * 86_400_000),
    );
    expect(deps.devices.rows.get(deps.tokens.hash(grant.deviceToken))).toEqual({
      tokenHash: deps.tokens.hash(grant.deviceToken),
      userId: ann.id,
      createdAt: deps.clock.now(),
    });
    expect(JSON.stringify([...deps.devices.rows])).not.toContain(grant.deviceToken);
  });

  it("replaces the browser's device token of the account with a new one on each sign-in", async () => {
    const first = valueOf(await attempt());
    const second = valueOf(await attempt({ deviceToken: first.deviceToken }));
    expect(second.deviceToken).not.toBe(first.deviceToken);
    const ofAnn = [...deps.devices.rows.keys()].filter(
      (h) => deps.devices.rows.get(h)?.userId === ann.id,
    );
    // Ann's sign-up device (not presented) and the second sign-in's: the first one went.
    expect(ofAnn).toHaveLength(2);
    expect(deps.devices.rows.has(deps.tokens.hash(first.deviceToken))).toBe(false);
    expect(deps.devices.rows.has(deps.tokens.hash(second.deviceToken))).toBe(true);
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
    // Both count as a failure of their email, existing or not.
    expect(await failures()).toBe(1);
    expect(await failures("nobody@meridian.test")).toBe(1);
  });

  it("never accepts any password for an unknown email (the dummy hash matches nothing)", async () => {
    for (const password of ["", "correct-password", "dummy", "password"])
      errorOf(await attempt({ email: "nobody@meridian.test", password }), "INVALID_CREDENTIALS");
  });

  describe("session rotation", () => {
    it("revokes the session the browser held (previousToken) when the sign-in succeeds", async () => {
      const before = valueOf(await attempt());
      deps.clock.advance(1_000);
      const after = valueOf(
        await signIn(deps, {
          email: "ann@meridian.test",
          password: PASSWORD,
          previousToken: before.token,
        }),
      );
      expect(deps.sessions.rows.get(deps.tokens.hash(before.token))?.revokedAt).toEqual(
        deps.clock.now(),
      );
      expect(await resolveSession(deps, before.token)).toBeNull();
      expect(await resolveSession(deps, after.token)).toEqual(ann);
    });

    it("leaves the previous session alone when the sign-in fails", async () => {
      const before = valueOf(await attempt());
      errorOf(
        await signIn(deps, {
          email: "ann@meridian.test",
          password: "wrong-password",
          previousToken: before.token,
        }),
        "INVALID_CREDENTIALS",
      );
      expect(await resolveSession(deps, before.token)).toEqual(ann);
    });

    it("accepts a previous token that signs nothing in (unknown or already revoked)", async () => {
      const grant = valueOf(
        await signIn(deps, {
          email: "ann@meridian.test",
          password: PASSWORD,
          previousToken: "z".repeat(43),
        }),
      );
      expect(await resolveSession(deps, grant.token)).toEqual(ann);
      expect(deps.sessions.rows.size).toBe(1);
    });
  });
});
