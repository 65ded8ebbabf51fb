import { describe, expect, it } from "vitest";
import { signUp } from "./sign-up";
import { KNOWN_DEVICE_TTL_DAYS } from "../domain/device";
import { T0 } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import { ann, ANNS_IP, attempt, deps, fail, failures, useAnnSignedUp } from "./sign-in.fixtures";

describe("signIn", () => {
  useAnnSignedUp();

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
});
