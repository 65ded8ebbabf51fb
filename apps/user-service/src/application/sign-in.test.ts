import { beforeEach, describe, expect, it } from "vitest";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";
import { resolveSession } from "./resolve-session";
import type { User } from "../domain/user";
import { KNOWN_DEVICE_TTL_DAYS } from "../domain/device";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

const PASSWORD = "correct-password";
/** Ann's own address; strangers use others. */
const ANNS_IP = "192.0.2.1";

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
    // 15 s into a one-minute window (and into a 15-minute one, and an hour).
    deps.clock.set(new Date(T0.getTime() + 15_000));
  });

  const attempt = (
    overrides: {
      email?: string;
      password?: string;
      clientIp?: string | undefined;
      deviceToken?: string | undefined;
    } = {},
  ) =>
    signIn(deps, {
      email: "ann@meridian.test",
      password: PASSWORD,
      clientIp: ANNS_IP,
      ...overrides,
    });

  /** `n` wrong passwords on `email` from `clientIp`, each answered INVALID_CREDENTIALS. */
  async function fail(
    n: number,
    clientIp: string | undefined,
    email = "ann@meridian.test",
    deviceToken?: string,
  ) {
    for (let i = 0; i < n; i++)
      errorOf(
        await attempt({ email, password: `wrong-${i}`, clientIp, deviceToken }),
        "INVALID_CREDENTIALS",
      );
  }

  const failures = (email = "ann@meridian.test") =>
    deps.attempts.count(`sign-in-failures:${email}`, T0);

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

  describe("per (email, address) pair: 10 attempts a minute", () => {
    it("refuses the 11th from one address, even with the right password, before any password work", async () => {
      await fail(10, "203.0.113.7");
      const verifications = deps.passwords.verified.length;
      const limited = errorOf(await attempt({ clientIp: "203.0.113.7" }), "RATE_LIMITED");
      expect(limited).toEqual({ code: "RATE_LIMITED", action: "sign-in", retryAfterSeconds: 45 });
      expect(deps.passwords.verified.length).toBe(verifications);
      expect(deps.sessions.rows.size).toBe(0);
      // Refused attempts are not failures.
      expect(await failures()).toBe(10);
    });

    it("counts successful attempts too, and lets the pair in again in the next window", async () => {
      for (let i = 0; i < 10; i++) valueOf(await attempt());
      deps.clock.advance(40_000); // 55 s into the window
      expect(errorOf(await attempt(), "RATE_LIMITED").retryAfterSeconds).toBe(5);
      deps.clock.advance(5_000); // the next window
      valueOf(await attempt());
      expect(await failures()).toBe(0);
    });

    it("does not stop the same address trying another email", async () => {
      await fail(10, "203.0.113.7");
      await fail(1, "203.0.113.7", "bob@meridian.test");
    });
  });

  describe("strangers cannot lock the owner out", () => {
    it("20 addresses x 10 wrong passwords on Ann's email within a minute: Ann still signs in from her own address", async () => {
      for (let a = 0; a < 20; a++) await fail(10, `198.51.100.${a}`);
      expect(await failures()).toBe(200);
      const grant = valueOf(await attempt({ clientIp: ANNS_IP }));
      expect(grant.user.id).toBe(ann.id);
    });

    it("an address's 11th attempt on her email is refused while Ann's own address is not", async () => {
      await fail(10, "198.51.100.1");
      errorOf(await attempt({ clientIp: "198.51.100.1" }), "RATE_LIMITED");
      valueOf(await attempt({ clientIp: ANNS_IP }));
    });
  });

  describe("per address: 100 attempts per 15 minutes over all emails", () => {
    it("refuses one address trying many emails (credential stuffing), not another address", async () => {
      for (let i = 0; i < 100; i++)
        errorOf(
          await attempt({
            email: `guess-${i}@meridian.test`,
            password: "whatever-1",
            clientIp: "203.0.113.7",
          }),
          "INVALID_CREDENTIALS",
        );
      const verifications = deps.passwords.verified.length;
      // Ann's email has no attempts from this address yet, but the address is spent until the
      // 15-minute window ends...
      expect(errorOf(await attempt({ clientIp: "203.0.113.7" }), "RATE_LIMITED")).toEqual({
        code: "RATE_LIMITED",
        action: "sign-in",
        retryAfterSeconds: 15 * 60 - 15,
      });
      expect(deps.passwords.verified.length).toBe(verifications);
      // ...while another address signs Ann in, and a new window lets the address in again.
      valueOf(await attempt({ clientIp: "198.51.100.2" }));
      deps.clock.set(new Date(T0.getTime() + 15 * 60_000));
      valueOf(await attempt({ clientIp: "203.0.113.7" }));
    });
  });

  describe("per email over all addresses: 300 failures an hour", () => {
    it("refuses any attempt on the email once 300 failed within the hour, even the right password from a fresh address", async () => {
      for (let a = 0; a < 30; a++) await fail(10, `198.51.100.${a}`);
      expect(await failures()).toBe(300);
      const verifications = deps.passwords.verified.length;
      const limited = errorOf(await attempt({ clientIp: ANNS_IP }), "RATE_LIMITED");
      expect(limited).toEqual({
        code: "RATE_LIMITED",
        action: "sign-in",
        retryAfterSeconds: 3600 - 15,
      });
      expect(deps.passwords.verified.length).toBe(verifications);
      expect(await failures()).toBe(300);
      // Other emails are unaffected; the next hour lets Ann in.
      await fail(1, ANNS_IP, "bob@meridian.test");
      deps.clock.set(new Date(T0.getTime() + 3_600_000));
      valueOf(await attempt({ clientIp: ANNS_IP }));
    });

    it("does not count successful sign-ins towards it", async () => {
      for (let i = 0; i < 9; i++) valueOf(await attempt());
      expect(await failures()).toBe(0);
    });

    it("takes the place before the password is verified: 30 guesses at once, 10 places left, 10 verified", async () => {
      const hour = T0;
      for (let i = 0; i < 290; i++)
        await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour);
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          attempt({ password: `wrong-${i}`, clientIp: `198.51.100.${i}` }),
        ),
      );
      const codes = answers.map((r) => (r.ok ? "ok" : r.error.code));
      expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(10);
      expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(20);
      expect(deps.passwords.verified).toHaveLength(10);
      expect(await failures()).toBe(300);
    });

    it("gives the place back when the verification fails with an error (no answer was given)", async () => {
      const verify = deps.passwords.verify;
      deps.passwords.verify = async () => {
        throw new Error("hasher unavailable");
      };
      await expect(attempt({ password: "wrong" })).rejects.toThrow("hasher unavailable");
      deps.passwords.verify = verify;
      expect(await failures()).toBe(0);
    });
  });

  describe("a known device (the browser's device cookie) is exempt from the per-email ceiling", () => {
    /** Ann signs in once from her own browser; the device token it got. */
    const annsDevice = async () => valueOf(await attempt()).deviceToken;
    /** Strangers' wrong passwords, 10 per address, until the email's ceiling of 300 is reached. */
    const exhaustCeiling = async () => {
      for (let a = 0; (await failures()) < 300; a++)
        await fail(Math.min(10, 300 - (await failures())), `198.51.100.${a}`);
      expect(await failures()).toBe(300);
    };
    const deviceFailures = (deviceToken: string) =>
      deps.attempts.count(`sign-in-device:${deps.tokens.hash(deviceToken)}`, T0);

    it("with the ceiling spent by strangers, Ann's right password from her known device signs her in", async () => {
      const device = await annsDevice();
      await exhaustCeiling();
      const grant = valueOf(await attempt({ deviceToken: device }));
      expect(grant.user.id).toBe(ann.id);
    });

    it("from a new device, Ann waits out the hour like anyone (the documented trade-off)", async () => {
      await annsDevice();
      await exhaustCeiling();
      const limited = errorOf(await attempt(), "RATE_LIMITED");
      expect(limited.retryAfterSeconds).toBe(3600 - 15);
    });

    it("a device token of another account gives no exemption on Ann's email", async () => {
      valueOf(
        await signUp(deps, {
          email: "eve@meridian.test",
          password: "eves-password",
          displayName: "Eve",
        }),
      );
      const evesDevice = valueOf(
        await attempt({ email: "eve@meridian.test", password: "eves-password" }),
      ).deviceToken;
      await exhaustCeiling();
      errorOf(await attempt({ deviceToken: evesDevice }), "RATE_LIMITED");
      errorOf(await attempt({ password: "guess", deviceToken: evesDevice }), "RATE_LIMITED");
      expect(await deviceFailures(evesDevice)).toBe(0);
    });

    it("an unknown device token is ignored: the attempt is an ordinary one, with no error", async () => {
      const unknown = "d".repeat(43);
      valueOf(await attempt({ deviceToken: unknown }));
      errorOf(await attempt({ password: "wrong", deviceToken: unknown }), "INVALID_CREDENTIALS");
      expect(await failures()).toBe(1);
      expect(await deviceFailures(unknown)).toBe(0);
      await exhaustCeiling();
      errorOf(await attempt({ deviceToken: unknown }), "RATE_LIMITED");
    });

    it("counts its failures per device: 10 an hour, then the device loses its exemption for the hour", async () => {
      const device = await annsDevice();
      await exhaustCeiling();
      // From two addresses (one pair allows 10 attempts a minute, and Ann's used one already).
      await fail(5, ANNS_IP, "ann@meridian.test", device);
      await fail(5, "192.0.2.2", "ann@meridian.test", device);
      expect(await deviceFailures(device)).toBe(10);
      expect(await failures()).toBe(300); // not the email's
      // The 11th from that device is held to the email's ceiling like any other attempt.
      const verifications = deps.passwords.verified.length;
      errorOf(await attempt({ password: "wrong-11", deviceToken: device }), "RATE_LIMITED");
      errorOf(await attempt({ deviceToken: device, clientIp: "192.0.2.3" }), "RATE_LIMITED");
      expect(deps.passwords.verified.length).toBe(verifications);
      // The next hour, the device is exempt again.
      deps.clock.set(new Date(T0.getTime() + 3_600_000));
      valueOf(await attempt({ deviceToken: device }));
    });

    it("a right password from the device gives back the place it took under the device's limit", async () => {
      const device = await annsDevice();
      await fail(3, ANNS_IP, "ann@meridian.test", device);
      valueOf(await attempt({ deviceToken: device }));
      expect(await deviceFailures(device)).toBe(3);
      expect(await failures()).toBe(0);
    });

    it("30 wrong passwords at once from the device, the ceiling spent: 10 verified, 20 refused", async () => {
      const device = await annsDevice();
      await exhaustCeiling();
      const verifications = deps.passwords.verified.length;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          attempt({ password: `wrong-${i}`, clientIp: `192.0.2.${100 + i}`, deviceToken: device }),
        ),
      );
      const codes = answers.map((r) => (r.ok ? "ok" : r.error.code));
      expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(10);
      expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(20);
      expect(deps.passwords.verified.length - verifications).toBe(10);
      expect(await deviceFailures(device)).toBe(10);
      expect(await failures()).toBe(300);
    });

    it("is still held to the pair and per-address limits", async () => {
      const device = await annsDevice(); // attempt 1 of Ann's pair this minute
      await fail(9, ANNS_IP, "ann@meridian.test", device);
      errorOf(await attempt({ deviceToken: device }), "RATE_LIMITED");
      for (let i = 0; i < 100; i++)
        await attempt({ email: `guess-${i}@meridian.test`, clientIp: "203.0.113.9" });
      errorOf(await attempt({ clientIp: "203.0.113.9", deviceToken: device }), "RATE_LIMITED");
    });

    it("no longer counts a year after it was issued", async () => {
      const device = await annsDevice();
      deps.clock.set(new Date(T0.getTime() + 15_000 + KNOWN_DEVICE_TTL_DAYS * 86_400_000));
      const hour = new Date(deps.clock.now().getTime() - 15_000);
      for (let i = 0; i < 300; i++)
        await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour);
      errorOf(await attempt({ deviceToken: device }), "RATE_LIMITED");
    });
  });

  describe("without a client address", () => {
    it("limits each email to 10 a minute, as if 'no address' were one address", async () => {
      await fail(10, undefined);
      errorOf(await attempt({ clientIp: undefined }), "RATE_LIMITED");
      // An address of its own still signs Ann in.
      valueOf(await attempt({ clientIp: ANNS_IP }));
    });

    it("shares one budget of 300 per 15 minutes among all callers without an address", async () => {
      for (let i = 0; i < 300; i++)
        errorOf(
          await attempt({
            email: `guess-${i}@meridian.test`,
            password: "whatever-1",
            clientIp: undefined,
          }),
          "INVALID_CREDENTIALS",
        );
      expect(
        errorOf(await attempt({ clientIp: undefined }), "RATE_LIMITED").retryAfterSeconds,
      ).toBe(15 * 60 - 15);
      valueOf(await attempt({ clientIp: ANNS_IP }));
    });

    it("counts under the shared key and the email's 'no address' pair; failures by email", async () => {
      deps.attempts.windows.clear(); // Ann's sign-up
      await attempt({ email: "Ann@Meridian.test", clientIp: undefined });
      await attempt({ password: "wrong-password", clientIp: "203.0.113.7" });
      const counts = [...deps.attempts.windows.values()].map((w) => [
        w.key,
        w.windowStart,
        w.count,
      ]);
      // The first (right) took a place under the email's ceiling and gave it back; the second
      // (wrong) keeps its place.
      expect(counts).toEqual([
        ["sign-in-ip:(no address)", T0, 1],
        ["sign-in-pair:(no address) ann@meridian.test", T0, 1],
        ["sign-in-failures:ann@meridian.test", T0, 1],
        ["sign-in-ip:203.0.113.7", T0, 1],
        ["sign-in-pair:203.0.113.7 ann@meridian.test", T0, 1],
      ]);
    });
  });

  describe("IPv6 clients are counted by their /64", () => {
    it("another address in the same /64 shares the pair's limit; another /64 does not", async () => {
      await fail(10, "2001:db8::1");
      errorOf(await attempt({ clientIp: "2001:db8::ffff" }), "RATE_LIMITED");
      errorOf(await attempt({ clientIp: "2001:db8::1:2:3:4" }), "RATE_LIMITED");
      valueOf(await attempt({ clientIp: "2001:db8:0:1::1" }));
    });
  });

  describe("what is stored grows with what is allowed", () => {
    it("an address past its limit adds no row per new email it tries", async () => {
      deps.attempts.windows.clear();
      for (let i = 0; i < 1_000; i++)
        await attempt({
          email: `random-${i}@meridian.test`,
          password: "whatever-1",
          clientIp: "203.0.113.66",
        });
      const keys = [...deps.attempts.windows.values()].map((w) => w.key);
      // The address's row, and a pair and a failure row for each of the 100 it was allowed.
      expect(keys.filter((k) => k.startsWith("sign-in-ip:"))).toEqual(["sign-in-ip:203.0.113.66"]);
      expect(keys.filter((k) => k.startsWith("sign-in-pair:"))).toHaveLength(100);
      expect(keys.filter((k) => k.startsWith("sign-in-failures:"))).toHaveLength(100);
      expect(deps.attempts.windows.size).toBe(201);
    });
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
