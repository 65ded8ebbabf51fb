import "server-only";
import { parse, serialize } from "cookie";
import type { User } from "@shop/contracts";
import { env } from "@/env";
import { servicesFor } from "./services";

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

/** The client's address as the configured header reports it (the first, client-most hop). */
export function clientIpFrom(headers: Headers): string | undefined {
  const value = headers.get(env.CLIENT_IP_HEADER)?.split(",")[0]?.trim();
  return value ? value.slice(0, 64) : undefined;
}

/** Who holds this session token: asked of user-service; null when unknown, expired or revoked. */
export async function userOfSession(
  token: string | undefined,
  clientIp?: string,
): Promise<User | null> {
  if (!token) return null;
  return servicesFor({
    role: "visitor",
    ...(clientIp ? { clientIp } : {}),
  }).user.sessions.resolve.mutate({ token });
}
