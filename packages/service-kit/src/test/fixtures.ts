import { generateKeyPairSync } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
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
