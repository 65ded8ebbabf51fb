import "server-only";
import { isIP } from "node:net";
import { parse, serialize } from "cookie";
import { isTokenShaped, type User } from "@shop/contracts";
import { env } from "@/env";
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from "@/http/trust-proxy";
import type { Services } from "./services";

/*
 * The browser's session: an opaque token in an httpOnly, SameSite=Lax cookie (Secure over
 * https). The token means something only to user-service, which stores its hash.
 *
 * The browser's device token: another opaque token, in a cookie of its own that lasts a year
 * and outlives sign-out (same attributes otherwise). Sent with every sign-in, it tells
 * user-service this browser signed in to the account before, so strangers failing on the
 * email cannot lock it out (README, "Sign-in throttling").
 */
export const SESSION_COOKIE = "shop_session";
export const DEVICE_COOKIE = "shop_device";

/**
 * A cookie's value if it has the shape of a token of ours (43 base64url characters), else
 * undefined, as if there were no such cookie. The parser decodes %-escapes, so a cookie can
 * hold a NUL or anything else; one planted by a sibling subdomain must not turn into input a
 * service refuses (a 400 on a field the visitor never sees).
 */
function tokenCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  const value = cookieHeader ? parse(cookieHeader)[name] : undefined;
  return isTokenShaped(value) ? value : undefined;
}

export const sessionTokenFrom = (cookieHeader: string | null | undefined): string | undefined =>
  tokenCookie(cookieHeader, SESSION_COOKIE);

export const deviceTokenFrom = (cookieHeader: string | null | undefined): string | undefined =>
  tokenCookie(cookieHeader, DEVICE_COOKIE);

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

/** The device cookie: until the device token's end (a year), kept when the visitor signs out. */
export function deviceCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: 0,
  });
}

/**
 * The client's address, as the process front (src/main.ts) determined it from the connection
 * and the proxies TRUST_PROXY names. X-Forwarded-For itself is never read here.
 */
export function clientIpFrom(headers: Headers): string | undefined {
  const value = headers.get(CLIENT_IP_HEADER);
  return value && isIP(value) ? value : undefined;
}

/** Whether the session cookie gets `Secure`: configured, or the client came over https. */
export function cookieSecure(req: Request): boolean {
  if (env.COOKIE_SECURE !== "auto") return env.COOKIE_SECURE === "true";
  return req.headers.get(CLIENT_PROTO_HEADER) === "https";
}

/**
 * Who holds this session token: asked of user-service (by the request's visitor clients);
 * null when unknown, expired or revoked.
 */
export async function userOfSession(
  services: Services,
  token: string | undefined,
): Promise<User | null> {
  if (!token) return null;
  return services.user.sessions.resolve.mutate({ token });
}
