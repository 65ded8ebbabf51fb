import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { databaseCheck, startServiceServer, type ServiceServer } from "@shop/service-kit";
import type { Actor, SignUpInput } from "@shop/contracts";
import { userServiceRouter, type UserServiceRouter } from "./router";
import { createContextFactory } from "./trpc";
import { userDeps } from "../../../deps";
import type { PasswordHasher, UserDeps } from "../../../application/ports";
import { LONGEST_WINDOW, windowStartOf } from "../../../domain/rate-limit";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { fakeClock, fastHasher, spyHasher } from "../../../test/fixtures";
import { clientFailure, testCredentials } from "@shop/service-kit/test-fixtures";

const t = useTestDatabase();
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
const bff = testCredentials();
const auth = bff.verifier("user-service");

/** Everything the service logs, at every level, captured as the JSON lines pino writes. */
const logLines: string[] = [];
const log = pino({ name: "user-service-test", level: "trace" }, { write: (l) => logLines.push(l) });

/**
 * Every password, session token and device token the tests send or receive: none may appear in
 * a log. (Only real-looking ones: "x" or "short" would be found in any text.)
 */
const secrets = new Set<string>();
const remember = <T extends { password?: string; token?: string; deviceToken?: string }>(
  x: T,
): T => {
  for (const secret of [x.password, x.token, x.deviceToken])
    if (secret && secret.length >= 8) secrets.add(secret);
  return x;
};

// A clock 15 s into an hour (so into a minute and a quarter hour too), set back there before
// each test, so the rate limits' answers are exact.
const START = new Date(windowStartOf(new Date(), LONGEST_WINDOW).getTime() + 15_000);
const clock = fakeClock(START);
let deps: UserDeps;
let server: ServiceServer;

const start = (d: UserDeps) =>
  startServiceServer({
    name: "user-service",
    router: userServiceRouter,
    createContext: createContextFactory({ deps: d, log, verifier: auth }),
    host: "127.0.0.1",
    port: 0,
    logger: log,
    readiness: { database: databaseCheck(t.db) },
    shutdownGraceMs: 1_000,
  });

beforeAll(async () => {
  deps = {
    ...userDeps(t.db, { sessionTtlDays: 30, sessionIdleDays: 7 }, fastHasher),
    clock,
  };
  server = await start(deps);
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await truncateAccounts(t.db);
  clock.set(START);
});

type Client = ReturnType<typeof createTRPCClient<UserServiceRouter>>;

function clientWith(authorization?: () => Promise<string>, url = server.url): Client {
  return createTRPCClient<UserServiceRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        headers: async () => (authorization ? { authorization: await authorization() } : {}),
      }),
    ],
  });
}

/** A client whose every request carries a fresh credential the BFF would sign for `actor`. */
const as = (actor: Actor, url?: string) => clientWith(() => bff.bearer(actor, "user-service"), url);
const visitor = (clientIp = "203.0.113.7") => as({ role: "visitor", clientIp });

const failure = clientFailure;

const ann = (overrides: Partial<SignUpInput> = {}): SignUpInput =>
  remember({
    email: "ann@meridian.test",
    password: "anns-secret-password",
    displayName: "Ann",
    ...overrides,
  });

async function signUpAnn(overrides: Partial<SignUpInput> = {}) {
  return remember(await visitor().auth.signUp.mutate(ann(overrides)));
}

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

    describe("wrong passwords fired at once: the limits hold, decided by the database", () => {
      /**
       * The test hasher, as slow to verify as production's argon2id (tens of milliseconds): the
       * time concurrent guesses have to slip past a limit while each is verified.
       */
      const productionPaced: PasswordHasher = {
        dummyHash: fastHasher.dummyHash,
        hash: (password) => fastHasher.hash(password),
        verify: async (hash, password) => {
          await sleep(50);
          return fastHasher.verify(hash, password);
        },
      };
      /**
       * `n` wrong-password sign-ins for Ann at the same moment, each from an address of its own
       * (so the per-pair limit is not what stops them), on a server whose hasher counts the
       * passwords it verifies. The error code of each answer, and how many were verified.
       */
      async function guessAtOnce(n: number, deviceToken?: string) {
        const hasher = spyHasher(productionPaced);
        const guessing = await start({ ...deps, passwords: hasher });
        try {
          const answers = await Promise.all(
            Array.from({ length: n }, (_, i) =>
              failure(
                as(
                  { role: "visitor", clientIp: `198.51.100.${i}` },
                  guessing.url,
                ).auth.signIn.mutate(
                  remember({
                    email: "ann@meridian.test",
                    password: `guess-password-${i}`,
                    deviceToken,
                  }),
                ),
              ),
            ),
          );
          const codes = answers.map((e) => e.data?.errorCode);
          return {
            invalid: codes.filter((c) => c === "INVALID_CREDENTIALS").length,
            limited: codes.filter((c) => c === "RATE_LIMITED").length,
            verified: hasher.verified.length,
          };
        } finally {
          await guessing.close();
        }
      }
      const hour = () => new Date(windowStartOf(clock.now(), LONGEST_WINDOW));
      const stored = (key: string) => deps.attempts.count(key, hour());

      it("30 from a stolen device cookie, the email's ceiling spent: 10 verified (the device's limit), 20 refused", async () => {
        const { deviceToken } = await signUpAnn();
        for (let i = 0; i < 300; i++)
          await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour());
        expect(await guessAtOnce(30, deviceToken)).toEqual({
          invalid: 10,
          limited: 20,
          verified: 10,
        });
        expect(await stored(`sign-in-device:${deps.tokens.hash(deviceToken)}`)).toBe(10);
        expect(await stored("sign-in-failures:ann@meridian.test")).toBe(300);
      });

      it("30 with 290 failures on the email: 10 verified (up to the ceiling of 300), 20 refused", async () => {
        await signUpAnn();
        for (let i = 0; i < 290; i++)
          await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour());
        expect(await guessAtOnce(30)).toEqual({ invalid: 10, limited: 20, verified: 10 });
        expect(await stored("sign-in-failures:ann@meridian.test")).toBe(300);
      });
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
