import { describe, expect, it } from "vitest";
import { T0 } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import { ann, ANNS_IP, attempt, deps, fail, failures, useAnnSignedUp } from "./sign-in.fixtures";

describe("signIn", () => {
  useAnnSignedUp();

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
});
