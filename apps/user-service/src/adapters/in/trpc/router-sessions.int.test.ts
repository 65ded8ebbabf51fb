import { describe, expect, it } from "vitest";
import {
  ann,
  clock,
  deps,
  failure,
  remember,
  signUpAnn,
  START,
  t,
  useUserServiceOverHttp,
  visitor,
} from "./router.fixtures";

useUserServiceOverHttp();

describe("userServiceRouter over HTTP", () => {
  describe("sign-up, sessions, sign-out", () => {
    it("signs up a shopper and signs them in; the session resolves to them until sign-out", async () => {
      const grant = await signUpAnn({ email: " Ann@Meridian.TEST ", displayName: "  Ann " });
      expect(grant.user).toEqual({
        id: expect.any(String),
        email: "ann@meridian.test",
        displayName: "Ann",
        role: "shopper",
        createdAt: clock.now().toISOString(),
      });
      expect(grant.user).not.toHaveProperty("passwordHash");
      expect(grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(grant.expiresAt).toBe(new Date(clock.now().getTime() + 30 * 86_400_000).toISOString());

      // The database holds the token's hash only.
      const stored = await t.db.session.findMany();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(grant.token);

      const bff = visitor();
      expect(await bff.sessions.resolve.mutate({ token: grant.token })).toEqual(grant.user);
      await bff.auth.signOut.mutate({ token: grant.token });
      await bff.auth.signOut.mutate({ token: grant.token }); // idempotent
      expect(await bff.sessions.resolve.mutate({ token: grant.token })).toBeNull();
      expect(await bff.sessions.resolve.mutate({ token: "u".repeat(43) })).toBeNull();
    });

    it("signs in with the right password, the email in any case", async () => {
      await signUpAnn();
      const grant = remember(
        await visitor().auth.signIn.mutate({
          email: "ANN@meridian.test",
          password: "anns-secret-password",
        }),
      );
      expect(grant.user.email).toBe("ann@meridian.test");
      expect(await visitor().sessions.resolve.mutate({ token: grant.token })).toEqual(grant.user);
    });

    it("signing in or up with the browser's previous session token revokes that session", async () => {
      const first = await signUpAnn();
      const second = remember(
        await visitor().auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
          previousToken: first.token,
        }),
      );
      const bff = visitor();
      expect(await bff.sessions.resolve.mutate({ token: first.token })).toBeNull();
      expect(await bff.sessions.resolve.mutate({ token: second.token })).toEqual(second.user);
      const bob = remember(
        await visitor().auth.signUp.mutate({
          ...ann({ email: "bob@meridian.test", displayName: "Bob" }),
          previousToken: second.token,
        }),
      );
      expect(await bff.sessions.resolve.mutate({ token: second.token })).toBeNull();
      expect((await bff.sessions.resolve.mutate({ token: bob.token }))?.email).toBe(
        "bob@meridian.test",
      );
      const revoked = await t.db.session.count({ where: { revokedAt: { not: null } } });
      expect(revoked).toBe(2);
    });

    it("a malformed previous token is invalid input, and nothing is signed in", async () => {
      await signUpAnn();
      const error = await failure(
        visitor().auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
          previousToken: "short",
        }),
      );
      expect(error.data).toMatchObject({ code: "BAD_REQUEST", errorCode: "VALIDATION_FAILED" });
      expect(error.data?.fieldErrors).toHaveProperty("previousToken");
      expect(await t.db.session.count()).toBe(1);
    });

    it("a session idle for 7 days resolves to nobody; one in use lasts", async () => {
      const idle = await signUpAnn();
      const busy = remember(
        await visitor().auth.signIn.mutate({
          email: "ann@meridian.test",
          password: "anns-secret-password",
        }),
      );
      const bff = visitor();
      for (let day = 1; day <= 7; day++) {
        clock.set(new Date(START.getTime() + day * 86_400_000));
        expect(await bff.sessions.resolve.mutate({ token: busy.token })).not.toBeNull();
      }
      expect(await bff.sessions.resolve.mutate({ token: idle.token })).toBeNull();
      // The busy one was written once a day, when it was used, not on every request.
      await bff.sessions.resolve.mutate({ token: busy.token });
      const row = await t.db.session.findFirstOrThrow({
        where: { tokenHash: deps.tokens.hash(busy.token) },
      });
      expect(row.lastUsedAt).toEqual(new Date(START.getTime() + 7 * 86_400_000));
    });

    it("invalid sign-up input: BAD_REQUEST with fieldErrors naming each field", async () => {
      const badEmail = await failure(visitor().auth.signUp.mutate(ann({ email: "not-an-email" })));
      expect(badEmail.message).toBe("Some fields are not valid");
      expect(badEmail.data).toMatchObject({
        code: "BAD_REQUEST",
        httpStatus: 400,
        errorCode: "VALIDATION_FAILED",
        fieldErrors: { email: ["Enter a valid email address"] },
      });
      const shortPassword = await failure(visitor().auth.signUp.mutate(ann({ password: "short" })));
      expect(shortPassword.data?.fieldErrors).toEqual({
        password: ["Use at least 8 characters"],
      });
      const both = await failure(
        visitor().auth.signUp.mutate(ann({ email: "x", password: "y", displayName: " " })),
      );
      expect(Object.keys(both.data?.fieldErrors ?? {}).sort()).toEqual([
        "displayName",
        "email",
        "password",
      ]);
      expect(await t.db.user.count()).toBe(0);
    });

    it("a taken email: CONFLICT with EMAIL_TAKEN on the email field, whatever its case", async () => {
      await signUpAnn();
      const error = await failure(
        visitor().auth.signUp.mutate(ann({ email: "ANN@meridian.test", displayName: "Other" })),
      );
      expect(error.message).toBe("An account with this email already exists");
      expect(error.data).toMatchObject({
        code: "CONFLICT",
        httpStatus: 409,
        errorCode: "EMAIL_TAKEN",
        fieldErrors: { email: ["An account with this email already exists"] },
      });
      expect(await t.db.user.count()).toBe(1);
    });

    it("a malformed token is invalid input", async () => {
      const error = await failure(visitor().sessions.resolve.mutate({ token: "short" }));
      expect(error.data).toMatchObject({ code: "BAD_REQUEST", errorCode: "VALIDATION_FAILED" });
      expect(error.data?.fieldErrors).toHaveProperty("token");
    });
  });
});
