import { z } from "zod";
import { text } from "./text";

export const roles = ["shopper", "admin"] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const PASSWORD_MIN = 8;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters`;

export const email = text()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const newPassword = text()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, "Use at most 200 characters");

export const displayName = text()
  .trim()
  .min(1, "Tell us what to call you")
  .max(60, "Use at most 60 characters");

export const signUpInput = z.object({ email, password: newPassword, displayName });
export type SignUpInput = z.input<typeof signUpInput>;

/** Any password is accepted for a sign-in attempt: the rules are for new passwords only. */
export const signInInput = z.object({
  email,
  password: text().min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.input<typeof signInInput>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role,
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

/**
 * A session as the BFF holds it: the opaque session token goes into an httpOnly cookie, and
 * the device token (a browser the user signed in from, exempt from the per-email failure
 * ceiling on later sign-ins) into another, long-lived one. Neither reaches a page.
 */
export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: string;
  deviceToken: string;
  deviceExpiresAt: string;
}

/**
 * What user-service's tokens look like: 32 random bytes in base64url without padding, exactly
 * 43 characters. Anything else in a cookie is not one of ours (a NUL the cookie parser decoded
 * from %00, a cookie planted by a sibling subdomain), and is treated as no cookie at all.
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a cookie's value has the shape of a session or device token. */
export const isTokenShaped = (value: string | undefined): value is string =>
  value !== undefined && TOKEN_PATTERN.test(value);

/** The session token a browser's cookie carries; opaque, random, base64url. */
export const sessionToken = z.string().regex(TOKEN_PATTERN, "Not a valid token");

/** The device token a browser's device cookie carries: the same shape as a session token. */
export const deviceToken = sessionToken;

/**
 * Who is acting, as the BFF vouches for it to a service (signed, short-lived). Services take
 * identity only from here, never from a request's input.
 */
export const actorSchema = z.object({
  role: z.enum(["visitor", ...roles]),
  userId: z.uuid().optional(),
  clientIp: z.string().max(64).optional(),
});
export type Actor = z.infer<typeof actorSchema>;
