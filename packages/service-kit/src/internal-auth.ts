import type { IncomingHttpHeaders } from "node:http";
import type { KeyObject } from "node:crypto";
import { jwtVerify } from "jose";
import { TRPCError } from "@trpc/server";
import { actorSchema, type Actor } from "@shop/contracts";

/*
 * Service-to-service trust. The BFF signs who is acting (role, user id, client address) into a
 * short-lived Ed25519 (EdDSA) token addressed to one service, sent as `Authorization: Bearer …`.
 * Only the BFF holds the private key (`./internal-auth-signer`); a service holds the public key
 * and can verify, never sign: a compromised service cannot mint a credential for anyone. Each
 * service accepts only tokens whose audience is its own name, so a credential the BFF sent to
 * one service is refused by every other. A missing, forged, misaddressed or expired token is no
 * actor.
 */

export const INTERNAL_TOKEN_ISSUER = "shop-bff";
/** The JWT `typ` header: an internal credential is never mistaken for another kind of JWT. */
export const INTERNAL_TOKEN_TYPE = "shop-internal+jwt";
export const INTERNAL_TOKEN_ALGORITHM = "EdDSA";
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** How many verified tokens a service remembers (the oldest go first). */
const VERIFIED_CACHE_SIZE = 10_000;
/** The BFF's and a service's clocks may differ a little (separate hosts). */
const CLOCK_TOLERANCE_SECONDS = 5;

/** Every service the BFF calls; a credential's audience (`aud`) is exactly one of these. */
export const SERVICE_AUDIENCES = [
  "product-service",
  "user-service",
  "payment-service",
  "coupon-service",
  "order-service",
] as const;
export type ServiceAudience = (typeof SERVICE_AUDIENCES)[number];

/** What a service can do with an internal credential: check it, nothing more. */
export interface InternalCredentialVerifier {
  /** The service this verifier belongs to; tokens for any other audience are refused. */
  readonly audience: ServiceAudience;
  verify(token: string): Promise<Actor | null>;
  /** The actor of an incoming request, or null when it carries no valid credential. */
  fromHeaders(headers: IncomingHttpHeaders): Promise<Actor | null>;
}

/** Throws unless `key` is an Ed25519 key of the given type (a clear start-up failure). */
export function assertEd25519Key(key: KeyObject, type: "public" | "private", use: string) {
  if (key.type !== type || key.asymmetricKeyType !== "ed25519")
    throw new TypeError(`${use} needs an Ed25519 ${type} key, got a ${key.type} key`);
}

/**
 * The verifier of one service: the BFF's public key (two while the signing key is rotated: the
 * current one and the next, see docs/kubernetes.md) and the service's own name. Algorithms are
 * pinned to EdDSA, so an `alg: none` or HS256 token (even one "signed" with the public key's
 * bytes) is refused before any signature check.
 */
export function internalCredentialVerifier(
  publicKeys: KeyObject | readonly KeyObject[],
  audience: ServiceAudience,
): InternalCredentialVerifier {
  const keys = Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject];
  if (keys.length === 0) throw new TypeError("A service's credential verifier needs a public key");
  for (const key of keys) assertEd25519Key(key, "public", "A service's credential verifier");
  if (!SERVICE_AUDIENCES.includes(audience)) throw new TypeError(`Unknown service "${audience}"`);
  // Verified tokens, by their exact text, until they expire: the BFF reuses a credential for many
  // requests (internal-auth-signer), and a signature check was a good part of a checkout's CPU.
  // Only a byte-identical token hits, so a forged one is always checked.
  const verified = new Map<string, { actor: Actor; untilMs: number }>();
  const check = async (token: string) => {
    let failure: unknown;
    // In order: outside a rotation there is one key; during one, a token fails the first
    // key only until every BFF signs with the next.
    for (const key of keys) {
      try {
        return await jwtVerify(token, key, {
          issuer: INTERNAL_TOKEN_ISSUER,
          audience,
          algorithms: [INTERNAL_TOKEN_ALGORITHM],
          typ: INTERNAL_TOKEN_TYPE,
          requiredClaims: ["iat", "exp"],
          // Also bounds a token the signer made with a longer lifetime than it should.
          maxTokenAge: INTERNAL_TOKEN_TTL_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
      } catch (err) {
        failure = err;
      }
    }
    throw failure;
  };
  const verify = async (token: string): Promise<Actor | null> => {
    const hit = verified.get(token);
    if (hit && Date.now() < hit.untilMs) return hit.actor;
    if (hit) verified.delete(token);
    try {
      const { payload } = await check(token);
      const actor = actorSchema.safeParse({
        role: payload.role,
        userId: payload.sub,
        clientIp: payload.ip,
      });
      if (!actor.success) return null;
      // Never past what jwtVerify itself would accept: the expiry, and the age limit.
      const untilMs = Math.min(payload.exp!, payload.iat! + INTERNAL_TOKEN_TTL_SECONDS) * 1000;
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, { actor: actor.data, untilMs });
      return actor.data;
    } catch {
      return null;
    }
  };
  return {
    audience,
    verify,
    fromHeaders: async (headers) => {
      const value = headers.authorization;
      return value?.startsWith("Bearer ") ? verify(value.slice("Bearer ".length)) : null;
    },
  };
}

/** For a service's procedures: any caller the BFF vouches for, visitors included. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "An internal credential is required" });
  return actor;
}

/** For a service's procedures that act on a signed-in user's own data. */
export function requireUser(actor: Actor | null): Actor & { userId: string } {
  const a = requireActor(actor);
  if (a.role === "visitor" || !a.userId)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return a as Actor & { userId: string };
}

export function requireAdmin(actor: Actor | null): Actor & { userId: string } {
  const a = requireUser(actor);
  if (a.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return a;
}
