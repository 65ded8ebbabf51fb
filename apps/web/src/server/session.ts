import "server-only";
import { isIP } from "node:net";
import { parse, serialize } from "cookie";
import type { User } from "@shop/contracts";
import { env } from "@/env";
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
 * The client's address as our own reverse proxy saw it: in X-Forwarded-For each proxy appends
 * the address it was reached from, so the entry CLIENT_IP_HOPS from the right is the one our
 * outermost proxy wrote. Entries further left came from the client and prove nothing.
 */
export function clientIpFrom(headers: Headers): string | undefined {
  const hops = headers
    .get(env.CLIENT_IP_HEADER)
    ?.split(",")
    .map((s) => s.trim());
  const value = hops?.[hops.length - env.CLIENT_IP_HOPS];
  return value && isIP(value) ? value : undefined;
}

/** Whether the session cookie gets `Secure`: configured, or the request came over https. */
export function cookieSecure(req: Request): boolean {
  if (env.COOKIE_SECURE !== "auto") return env.COOKIE_SECURE === "true";
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return proto === "https";
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
