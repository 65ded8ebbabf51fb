import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { pino } from "pino";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { databaseCheck, startServiceServer, type ServiceServer } from "@shop/service-kit";
import type { Actor, SignUpInput } from "@shop/contracts";
import { userServiceRouter, type UserServiceRouter } from "./router";
import { createContextFactory } from "./trpc";
import { userDeps } from "../../../deps";
import type { UserDeps } from "../../../application/ports";
import { LONGEST_WINDOW, windowStartOf } from "../../../domain/rate-limit";
import { truncateAccounts, useTestDatabase } from "../../../test/database";
import { fakeClock, fastHasher } from "../../../test/fixtures";
import { clientFailure, testCredentials } from "@shop/service-kit/test-fixtures";

/*
 * What the router's HTTP test files share: the service on a throwaway database of the file's
 * own, a BFF's credentials, the captured log and the helpers. `t`, `deps` and `server` are set
 * by useUserServiceOverHttp(); importers see them once set (imported bindings are live).
 */

export let t: ReturnType<typeof useTestDatabase>;
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
export const bff = testCredentials();
export const auth = bff.verifier("user-service");

/** Everything the service logs, at every level, captured as the JSON lines pino writes. */
export const logLines: string[] = [];
export const log = pino(
  { name: "user-service-test", level: "trace" },
  { write: (l) => logLines.push(l) },
);

/**
 * Every password, session token and device token the tests send or receive: none may appear in
 * a log. (Only real-looking ones: "x" or "short" would be found in any text.)
 */
export const secrets = new Set<string>();
export const remember = <T extends { password?: string; token?: string; deviceToken?: string }>(
  x: T,
): T => {
  for (const secret of [x.password, x.token, x.deviceToken])
    if (secret && secret.length >= 8) secrets.add(secret);
  return x;
};

// A clock 15 s into an hour (so into a minute and a quarter hour too), set back there before
// each test, so the rate limits' answers are exact.
export const START = new Date(windowStartOf(new Date(), LONGEST_WINDOW).getTime() + 15_000);
export const clock = fakeClock(START);
export let deps: UserDeps;
export let server: ServiceServer;

export const start = (d: UserDeps) =>
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

/**
 * Call once at the top of a test file: its database and server, a clean slate and the clock at
 * START before each test. After the file, no secret any of its tests used (nor a password hash)
 * may be in the log: the logs test (router-sign-in.int.test.ts) states it for its own file;
 * this keeps it true of every file's tests, as when they were all in one file.
 */
export function useUserServiceOverHttp(): void {
  t = useTestDatabase();
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

  afterAll(() => {
    const text = logLines.join("");
    for (const secret of secrets) expect(text, "a secret in the log").not.toContain(secret);
    expect(text, "a password hash in the log").not.toContain("argon2");
  });
}

export type Client = ReturnType<typeof createTRPCClient<UserServiceRouter>>;

export function clientWith(authorization?: () => Promise<string>, url = server.url): Client {
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
export const as = (actor: Actor, url?: string) =>
  clientWith(() => bff.bearer(actor, "user-service"), url);
export const visitor = (clientIp = "203.0.113.7") => as({ role: "visitor", clientIp });

export const failure = clientFailure;

export const ann = (overrides: Partial<SignUpInput> = {}): SignUpInput =>
  remember({
    email: "ann@meridian.test",
    password: "anns-secret-password",
    displayName: "Ann",
    ...overrides,
  });

export async function signUpAnn(overrides: Partial<SignUpInput> = {}) {
  return remember(await visitor().auth.signUp.mutate(ann(overrides)));
}
