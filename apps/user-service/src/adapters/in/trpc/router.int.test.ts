import { describe, expect, it } from "vitest";
import type { Actor } from "@shop/contracts";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import {
  ann,
  as,
  bff,
  type Client,
  clientWith,
  failure,
  server,
  signUpAnn,
  t,
  useUserServiceOverHttp,
  visitor,
} from "./router.fixtures";

// Sign-up and sessions are in router-sessions.int.test.ts, sign-in and the logs in
// router-sign-in.int.test.ts, concurrent guesses in router-sign-in-concurrency.int.test.ts.
useUserServiceOverHttp();

describe("userServiceRouter over HTTP", () => {
  it("answers /health and /ready with 200", async () => {
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: "ok", service: "user-service" });
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  describe("internal credential", () => {
    const calls = (c: Client) => ({
      "auth.signUp": () => c.auth.signUp.mutate(ann()),
      "auth.signIn": () => c.auth.signIn.mutate({ email: "ann@meridian.test", password: "x" }),
      "auth.signOut": () => c.auth.signOut.mutate({ token: "t".repeat(43) }),
      "sessions.resolve": () => c.sessions.resolve.mutate({ token: "t".repeat(43) }),
      "users.me": () => c.users.me.query(),
      "admin.names": () => c.admin.names.query({ ids: [] }),
    });

    it("is required by every procedure: without one, UNAUTHORIZED and nothing happens", async () => {
      for (const [path, call] of Object.entries(calls(clientWith()))) {
        const error = await failure(call());
        expect(error.data, path).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, path });
        expect(error.message).toBe("An internal credential is required");
      }
      expect(await t.db.user.count()).toBe(0);
    });

    it("is checked before the input: invalid input without a credential is still UNAUTHORIZED", async () => {
      const error = await failure(clientWith().auth.signUp.mutate(ann({ email: "nope" })));
      expect(error.data?.code).toBe("UNAUTHORIZED");
      expect(error.data?.fieldErrors).toBeUndefined();
    });

    it("refuses a forged, an expired, a malformed or another service's credential", async () => {
      const forger = testCredentials();
      const admin: Actor = { role: "admin", userId: "00000000-0000-4000-8000-000000000001" };
      const clients = {
        forged: clientWith(() => forger.bearer(admin, "user-service")),
        expired: clientWith(() => bff.bearer(admin, "user-service", -120)),
        garbage: clientWith(async () => "Bearer not-a-jwt"),
        "not bearer": clientWith(async () => `Basic ${await bff.sign(admin, "user-service")}`),
        // Signed by the BFF's own key, but addressed to product-service: not for this service.
        "for product-service": clientWith(() => bff.bearer(admin, "product-service")),
      };
      for (const [kind, client] of Object.entries(clients)) {
        for (const [path, call] of Object.entries(calls(client))) {
          const error = await failure(call());
          expect(error.data?.code, `${kind} ${path}`).toBe("UNAUTHORIZED");
        }
      }
      expect(await t.db.user.count()).toBe(0);
    });
  });

  describe("users.me", () => {
    it("answers the credential's user, whatever the input says", async () => {
      const a = (await signUpAnn()).user;
      const b = (await signUpAnn({ email: "bob@meridian.test", displayName: "Bob" })).user;
      const asAnn = as({ role: "shopper", userId: a.id, clientIp: "203.0.113.7" });
      expect(await asAnn.users.me.query()).toEqual(a);
      // Input naming Bob, through the typed client and in a raw request: still Ann.
      const me = asAnn.users.me.query as unknown as (input: unknown) => Promise<unknown>;
      expect(await me({ id: b.id, userId: b.id })).toEqual(a);
      const raw = await fetch(
        `${server.url}/trpc/users.me?input=${encodeURIComponent(JSON.stringify({ id: b.id, userId: b.id }))}`,
        {
          headers: {
            authorization: await bff.bearer({ role: "shopper", userId: a.id }, "user-service"),
          },
        },
      );
      expect(((await raw.json()) as { result: { data: unknown } }).result.data).toEqual(a);
    });

    it("requires a signed-in user: a visitor is UNAUTHORIZED", async () => {
      const error = await failure(visitor().users.me.query());
      expect(error.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
      expect(error.message).toBe("Sign in first");
    });

    it("a credential for an account that no longer exists: NOT_FOUND", async () => {
      const error = await failure(
        as({ role: "shopper", userId: "00000000-0000-4000-8000-000000000404" }).users.me.query(),
      );
      expect(error.data).toMatchObject({ code: "NOT_FOUND", errorCode: "NOT_FOUND" });
    });
  });

  describe("admin.names", () => {
    it("names accounts by id for an admin; a shopper is FORBIDDEN and a bad id is BAD_REQUEST", async () => {
      const a = (await signUpAnn()).user;
      const admin = as({ role: "admin", userId: "00000000-0000-4000-8000-000000000001" });
      expect(await admin.admin.names.query({ ids: [a.id] })).toEqual({ [a.id]: a.displayName });
      const shopper = as({ role: "shopper", userId: a.id });
      expect((await failure(shopper.admin.names.query({ ids: [a.id] }))).data?.code).toBe(
        "FORBIDDEN",
      );
      expect((await failure(admin.admin.names.query({ ids: ["nope"] }))).data?.code).toBe(
        "BAD_REQUEST",
      );
    });
  });
});
