import type { IncomingHttpHeaders } from "node:http";
import { jwtVerify, SignJWT } from "jose";
import { TRPCError } from "@trpc/server";
import { actorSchema, type Actor } from "@shop/contracts";

/*
 * Service-to-service trust. The BFF signs who is acting (role, user id, client address) into a
 * short-lived HS256 token sent as `Authorization: Bearer …`; every service verifies it on
 * every request and takes identity only from it. A missing, forged or expired token is no actor.
 */

const ISSUER = "shop-bff";
const AUDIENCE = "shop-services";
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

export interface InternalAuth {
  sign(actor: Actor, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<Actor | null>;
  /** The actor of an incoming request, or null when it carries no valid credential. */
  fromHeaders(headers: IncomingHttpHeaders): Promise<Actor | null>;
}

export function internalAuth(secret: string): InternalAuth {
  const key = new TextEncoder().encode(secret);
  const verify = async (token: string): Promise<Actor | null> => {
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ["HS256"],
        // The BFF's and a service's clocks may differ a little (separate hosts).
        clockTolerance: 5,
      });
      const actor = actorSchema.safeParse({
        role: payload.role,
        userId: payload.sub,
        clientIp: payload.ip,
      });
      return actor.success ? actor.data : null;
    } catch {
      return null;
    }
  };
  return {
    sign: (actor, ttlSeconds = INTERNAL_TOKEN_TTL_SECONDS) => {
      const jwt = new SignJWT({
        role: actor.role,
        ...(actor.clientIp ? { ip: actor.clientIp } : {}),
      })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`);
      if (actor.userId) jwt.setSubject(actor.userId);
      return jwt.sign(key);
    },
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
