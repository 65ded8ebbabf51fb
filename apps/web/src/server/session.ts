import "server-only";
import { isIP } from "node:net";
import { parse, serialize } from "cookie";
import type { User } from "@shop/contracts";
import { env } from "@/env";
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from "@/http/trust-proxy";
import type { Services } from "./services";

/*
 * The browser's session: an opaque token in an httpOnly, SameSite=Lax cookie (Secure over
 * https). The token means something only to user-service, which stores its hash.
 */
export const SESSION_COOKIE = "shop_session";

export function sessionTokenFrom(cookieHeader: string | null | undefined): string | undefined {
  const token = cookieHeader ? parse(cookieHeader)[SESSION_COOKIE] : undefined;
  return token && token.length >= 20 && token.length <= 200 ? token : undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
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
