import { describe, expect, it } from "vitest";
import { LONGEST_WINDOW, windowStartOf } from "../../../domain/rate-limit";
import { fastHasher } from "../../../test/fixtures";
import {
  ann,
  as,
  clock,
  deps,
  failure,
  logLines,
  remember,
  secrets,
  signUpAnn,
  start,
  t,
  useUserServiceOverHttp,
  visitor,
} from "./router.fixtures";

useUserServiceOverHttp();

describe("userServiceRouter over HTTP", () => {
  describe("sign-in failures", () => {
    it("a wrong password and an unknown email get the same UNAUTHORIZED answer", async () => {
      await signUpAnn();
      const wrong = await failure(
        visitor().auth.signIn.mutate(
          remember({ email: "ann@meridian.test", password: "wrong-password" }),
        ),
      );
      const unknown = await failure(
        visitor("198.51.100.9").auth.signIn.mutate({
          email: "nobody@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(wrong.message).toBe("Email or password is incorrect");
      expect(wrong.data).toEqual({
        code: "UNAUTHORIZED",
        httpStatus: 401,
        errorCode: "INVALID_CREDENTIALS",
        path: "auth.signIn",
      });
      expect({ message: unknown.message, data: unknown.data }).toEqual({
        message: wrong.message,
        data: wrong.data,
      });
    });

    it("wrong passwords for Ann from 20 addresses (10 each) within a minute do not lock Ann out", async () => {
      await signUpAnn();
      for (let a = 0; a < 20; a++)
        for (let i = 0; i < 10; i++) {
          const error = await failure(
            visitor(`198.51.100.${a}`).auth.signIn.mutate(
              remember({ email: "ann@meridian.test", password: `guess-password-${a}-${i}` }),
            ),
          );
          expect(error.data?.errorCode).toBe("INVALID_CREDENTIALS");
        }
      // The right password from Ann's own address (a browser she never used): in.
      const grant = remember(
        await visitor("192.0.2.10").auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(grant.user.email).toBe("ann@meridian.test");
    });

    it("the 11th sign-in on an email from one address within a minute: TOO_MANY_REQUESTS with retryAfterSeconds", async () => {
      await signUpAnn();
      for (let i = 0; i < 10; i++) {
        const error = await failure(
          visitor("198.51.100.1").auth.signIn.mutate(
            remember({ email: "ann@meridian.test", password: `guess-password-${i}` }),
          ),
        );
        expect(error.data?.errorCode).toBe("INVALID_CREDENTIALS");
      }
      // Even the right password, from that address.
      const error = await failure(
        visitor("198.51.100.1").auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(error.message).toBe("Too many sign-in attempts. Try again in 45 seconds.");
      expect(error.data).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        httpStatus: 429,
        errorCode: "RATE_LIMITED",
        retryAfterSeconds: 45,
      });
    });

    it("one address trying many emails: TOO_MANY_REQUESTS after 100 in a quarter hour", async () => {
      await signUpAnn();
      for (let i = 0; i < 100; i++)
        await failure(
          visitor("203.0.113.60").auth.signIn.mutate({
            email: `guess-${i}@meridian.test`,
            password: "whatever",
          }),
        );
      const error = await failure(
        visitor("203.0.113.60").auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(error.message).toBe("Too many sign-in attempts. Try again in 15 minutes.");
      expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 885 });
    });

    it("300 failures on an email within the hour, from any addresses: TOO_MANY_REQUESTS for it", async () => {
      await signUpAnn();
      // Written to the store as 300 failures would be: the per-email ceiling is what is tested.
      const failures = new Date(windowStartOf(clock.now(), LONGEST_WINDOW));
      for (let i = 0; i < 300; i++)
        await deps.attempts.hit("sign-in-failures:ann@meridian.test", failures);
      const error = await failure(
        visitor("192.0.2.10").auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 3585 });
      // Another email is unaffected.
      const other = await failure(
        visitor("192.0.2.10").auth.signIn.mutate({ email: "bob@meridian.test", password: "x" }),
      );
      expect(other.data?.errorCode).toBe("INVALID_CREDENTIALS");
    });

    it("299 failures on an email: the right password is answered at once (no slowdown holds it back)", async () => {
      await signUpAnn();
      const failures = new Date(windowStartOf(clock.now(), LONGEST_WINDOW));
      for (let i = 0; i < 299; i++)
        await deps.attempts.hit("sign-in-failures:ann@meridian.test", failures);
      const grant = remember(
        await visitor("192.0.2.10").auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(grant.user.email).toBe("ann@meridian.test");
    });

    it("the email's ceiling spent: Ann's known device signs her in; a new one, or another account's, gets TOO_MANY_REQUESTS", async () => {
      const signedUp = await signUpAnn();
      const bob = await signUpAnn({ email: "bob@meridian.test", displayName: "Bob" });
      expect(signedUp.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(signedUp.deviceExpiresAt).toBe(
        new Date(clock.now().getTime() + 365 * 86_400_000).toISOString(),
      );
      const failures = new Date(windowStartOf(clock.now(), LONGEST_WINDOW));
      for (let i = 0; i < 300; i++)
        await deps.attempts.hit("sign-in-failures:ann@meridian.test", failures);
      const right = { email: "ann@meridian.test", password: "anns-secret-password" };

      const grant = remember(
        await visitor("192.0.2.10").auth.signIn.mutate({
          ...right,
          deviceToken: signedUp.deviceToken,
        }),
      );
      expect(grant.user.email).toBe("ann@meridian.test");
      expect(grant.deviceToken).not.toBe(signedUp.deviceToken);
      // The browser's device token was replaced: the new one exempts, the old one no more.
      const stored = await t.db.knownDevice.findMany({ where: { userId: grant.user.id } });
      expect(stored.map((d) => d.tokenHash)).toEqual([deps.tokens.hash(grant.deviceToken)]);
      expect(JSON.stringify(stored)).not.toContain(grant.deviceToken);

      for (const deviceToken of [
        undefined,
        signedUp.deviceToken,
        bob.deviceToken,
        "d".repeat(43),
      ]) {
        const error = await failure(
          visitor("192.0.2.10").auth.signIn.mutate({ ...right, deviceToken }),
        );
        expect(error.data, String(deviceToken)).toMatchObject({
          code: "TOO_MANY_REQUESTS",
          retryAfterSeconds: 3585,
        });
      }
    });

    it("a malformed device token is invalid input (the BFF sends only token-shaped ones)", async () => {
      await signUpAnn();
      for (const deviceToken of ["short", `${"d".repeat(42)}\u0000`, "d".repeat(44)]) {
        const error = await failure(
          visitor().auth.signIn.mutate({
            email: "ann@meridian.test",
            password: "anns-secret-password",
            deviceToken,
          }),
        );
        expect(error.data).toMatchObject({ code: "BAD_REQUEST", errorCode: "VALIDATION_FAILED" });
        expect(error.data?.fieldErrors).toHaveProperty("deviceToken");
      }
    });

    it("the client address comes from the credential only, never from the input", async () => {
      await signUpAnn();
      for (let i = 0; i < 10; i++)
        await failure(
          visitor("203.0.113.50").auth.signIn.mutate({
            email: "ann@meridian.test",
            password: "whatever",
          }),
        );
      // An address in the input is ignored: the credential's address has spent its attempts.
      const spoofed = { email: "ann@meridian.test", password: "anns-secret-password" };
      const error = await failure(
        visitor("203.0.113.50").auth.signIn.mutate({
          ...spoofed,
          clientIp: "192.0.2.1",
        } as typeof spoofed),
      );
      expect(error.data?.code).toBe("TOO_MANY_REQUESTS");
      // Another credential address is not limited.
      const grant = remember(await visitor("203.0.113.51").auth.signIn.mutate(spoofed));
      expect(grant.user.email).toBe("ann@meridian.test");
    });
  });

  describe("logs", () => {
    it("an internal error reaches the client as 'Internal error' and the log without secrets", async () => {
      const broken = await start({
        ...deps,
        passwords: {
          ...fastHasher,
          dummyHash: fastHasher.dummyHash,
          hash: async () => {
            throw new Error("hasher unavailable");
          },
          verify: async () => {
            throw new Error("hasher unavailable");
          },
        },
      });
      try {
        const error = await failure(
          as({ role: "visitor" }, broken.url).auth.signUp.mutate(
            ann({ email: "carl@meridian.test" }),
          ),
        );
        expect(error.message).toBe("Internal error");
        expect(error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
        expect(error.data).not.toHaveProperty("stack");
        expect(logLines.join("")).toContain("hasher unavailable"); // the cause is logged...
      } finally {
        await broken.close();
      }
    });

    it("never contain a password or a session token (checked after every test above)", () => {
      // This file's tests signed up, signed in, failed, were rate-limited and crashed: all of it
      // logged at trace level, with no redaction, so only what the code chose to log is there.
      const text = logLines.join("");
      expect(logLines.length).toBeGreaterThan(5);
      expect(text).toContain('"msg":"signed in"');
      expect(text).toContain('"msg":"sign-in refused"');
      expect(secrets.size).toBeGreaterThan(10);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toContain("argon2");
    });
  });
});
