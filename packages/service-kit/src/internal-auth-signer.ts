import type { KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { Actor } from "@shop/contracts";
import { ed25519KeyFromEnv } from "./env";
import {
  assertEd25519Key,
  INTERNAL_TOKEN_ALGORITHM,
  INTERNAL_TOKEN_ISSUER,
  INTERNAL_TOKEN_TTL_SECONDS,
  INTERNAL_TOKEN_TYPE,
  SERVICE_AUDIENCES,
  type ServiceAudience,
} from "./internal-auth";

/*
 * The signing half of the internal credential: for the BFF only. No service imports this
 * module (dependency-cruiser rule "only-the-bff-signs"); the services' verifier is in
 * `./internal-auth`.
 */

/**
 * The private half of the committed development key pair (public: it is in this repository).
 * A production process refuses it.
 */
export const DEV_INTERNAL_AUTH_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHEG7K0QTGOJczh/s7NbWiKSwoKqv1c8UnQgI0bONXeT
-----END PRIVATE KEY-----
`;

/** The BFF's `INTERNAL_AUTH_PRIVATE_KEY` setting: the development key unless set. */
export const internalAuthPrivateKeyEnv = ed25519KeyFromEnv("private").prefault(
  DEV_INTERNAL_AUTH_PRIVATE_KEY,
);

export interface InternalCredentialSigner {
  /** A credential stating `actor`, that only the `audience` service accepts. */
  sign(actor: Actor, audience: ServiceAudience, ttlSeconds?: number): Promise<string>;
}

/** How many actors' credentials the signer keeps for reuse (the oldest go first). */
const REUSE_CACHE_SIZE = 10_000;

/**
 * Signs credentials, reusing one for the same actor and service while it has at least half its
 * lifetime left: a signature per request was a good part of a page's and a checkout's CPU, and
 * lets each service answer from its cache of verified tokens (internal-auth).
 */
export function internalCredentialSigner(privateKey: KeyObject): InternalCredentialSigner {
  assertEd25519Key(privateKey, "private", "The BFF's credential signer");
  const issued = new Map<string, { token: Promise<string>; reuseUntilMs: number }>();
  return {
    sign: (actor, audience, ttlSeconds = INTERNAL_TOKEN_TTL_SECONDS) => {
      if (!SERVICE_AUDIENCES.includes(audience))
        return Promise.reject(new TypeError(`Unknown service "${audience}"`));
      const key = JSON.stringify([audience, actor.role, actor.userId, actor.clientIp, ttlSeconds]);
      const kept = issued.get(key);
      if (kept && Date.now() < kept.reuseUntilMs) return kept.token;
      issued.delete(key);
      if (issued.size >= REUSE_CACHE_SIZE) issued.delete(issued.keys().next().value!);
      const token = signNew(actor, audience, ttlSeconds);
      // Reuse ends halfway through the lifetime; a failed signing is not kept.
      issued.set(key, { token, reuseUntilMs: Date.now() + (ttlSeconds * 1000) / 2 });
      token.catch(() => issued.delete(key));
      return token;
    },
  };

  function signNew(actor: Actor, audience: ServiceAudience, ttlSeconds: number) {
    const jwt = new SignJWT({
      role: actor.role,
      ...(actor.clientIp ? { ip: actor.clientIp } : {}),
    })
      .setProtectedHeader({ alg: INTERNAL_TOKEN_ALGORITHM, typ: INTERNAL_TOKEN_TYPE })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`);
    if (actor.userId) jwt.setSubject(actor.userId);
    return jwt.sign(privateKey);
  }
}
