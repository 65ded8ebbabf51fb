import { generateKeyPairSync } from "node:crypto";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { pino, type Logger } from "pino";
import type { Actor, ShopErrorData } from "@shop/contracts";
import type { Clock, IdGenerator, Result } from "@shop/kernel";
import { expect } from "vitest";
import { internalCredentialVerifier, type ServiceAudience } from "../internal-auth";
import { internalCredentialSigner } from "../internal-auth-signer";

/* Helpers every service's use-case tests share. */

/** A clock the test moves by hand. */
export function fakeClock(
  start: Date,
): Clock & { set: (d: Date) => void; advance: (ms: number) => void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (d: Date) => {
      now = new Date(d);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** Ids that read well in failures: 00000000-0000-4000-8000-000000000001, ...002. */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return {
    next: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  };
}

/** The value of a successful result; fails the test (showing the error) otherwise. */
export function valueOf<T>(result: Result<T, unknown>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed result with the given code; fails the test otherwise. */
export function errorOf<E extends { code: string }, C extends E["code"]>(
  result: Result<unknown, E>,
  code: C,
): Extract<E, { code: C }> {
  if (result.ok) expect.fail(`expected ${code}, got success`);
  expect(result.error.code).toBe(code);
  return result.error as Extract<E, { code: C }>;
}

/** A call over HTTP that must fail: its client error, with `data` read as the shop's error data. */
export async function clientFailure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail("the call should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const clientError = error as TRPCClientError<AnyTRPCRouter>;
  return Object.assign(clientError, {
    data: clientError.data as (ShopErrorData & { path?: string; stack?: string }) | undefined,
  });
}

/**
 * A fresh Ed25519 key pair standing for the BFF's: its signer (tests play the BFF) and the
 * verifier a service builds from the public key. A second call gives an unrelated pair (a forger).
 */
export function testCredentials() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const signer = internalCredentialSigner(privateKey);
  return {
    privateKey,
    publicKey,
    sign: signer.sign,
    /** An `Authorization` header value carrying `actor`'s credential for `audience`. */
    bearer: async (actor: Actor, audience: ServiceAudience, ttlSeconds?: number) =>
      `Bearer ${await signer.sign(actor, audience, ttlSeconds)}`,
    verifier: (audience: ServiceAudience) => internalCredentialVerifier(publicKey, audience),
  };
}

/* Router tests over real HTTP, with hostile callers. */

/** A pino logger at every level whose JSON lines land in `lines` (to check what reaches a log). */
export function capturingLog(name: string): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log = pino({ name, level: "trace" }, { write: (l: string) => void lines.push(l) });
  return { log, lines };
}

/**
 * Typed clients of a service under test. `clientWith()` sends no credential; `clientWith(auth)`
 * sends what `auth()` returns as the Authorization header on every request, and remembers the
 * token in `tokens` (none may appear in a log line). `url` is read at each call (the server
 * starts in beforeAll).
 */
export function credentialClients<R extends AnyTRPCRouter>(url: () => string) {
  const tokens = new Set<string>();
  const clientWith = (authorization?: () => Promise<string>, at = url()) =>
    createTRPCClient<R>({
      links: [
        // Built for any router (no transformer here), then typed as R's by the client.
        httpBatchLink<AnyTRPCRouter>({
          url: `${at}/trpc`,
          headers: async () => {
            if (!authorization) return {};
            const value = await authorization();
            tokens.add(value.replace(/^\w+ /, ""));
            return { authorization: value };
          },
        }),
      ],
    });
  return { clientWith, tokens };
}

/** One call a test makes to each procedure, by its path ("admin.campaigns.create"). */
export type ProcedureCalls = Record<string, () => Promise<unknown>>;

/** Every call, made without a credential: UNAUTHORIZED (401) on its own path, saying so. */
export async function expectCredentialRequired(calls: ProcedureCalls) {
  for (const [path, call] of Object.entries(calls)) {
    const error = await clientFailure(call());
    expect(error.data, path).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, path });
    expect(error.message).toBe("An internal credential is required");
  }
}

/**
 * Every call refuses, UNAUTHORIZED, a credential for `actor` that is forged (another key),
 * expired, malformed, not a bearer one, or signed by the BFF's key for another service.
 */
export async function expectBadCredentialsRefused<C>(options: {
  clientWith: (authorization: () => Promise<string>) => C;
  calls: (client: C) => ProcedureCalls;
  bff: ReturnType<typeof testCredentials>;
  actor: Actor;
  audience: ServiceAudience;
  otherAudiences: readonly ServiceAudience[];
}) {
  const { clientWith, bff, actor, audience } = options;
  const forger = testCredentials();
  const clients: Record<string, C> = {
    forged: clientWith(() => forger.bearer(actor, audience)),
    expired: clientWith(() => bff.bearer(actor, audience, -120)),
    garbage: clientWith(async () => "Bearer not-a-jwt"),
    "not bearer": clientWith(async () => `Basic ${await bff.sign(actor, audience)}`),
    // Signed with the BFF's own key, but addressed to another service: not for this one.
    ...Object.fromEntries(
      options.otherAudiences.map((other) => [
        `for ${other}`,
        clientWith(() => bff.bearer(actor, other)),
      ]),
    ),
  };
  for (const [kind, client] of Object.entries(clients))
    for (const [path, call] of Object.entries(options.calls(client))) {
      const error = await clientFailure(call());
      expect(error.data?.code, `${kind} ${path}`).toBe("UNAUTHORIZED");
    }
}
