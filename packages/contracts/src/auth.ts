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

/** A session as the BFF holds it: the opaque token goes into an httpOnly cookie. */
export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: string;
}

/** The session token a browser's cookie carries; opaque, random, base64url. */
export const sessionToken = text().min(20).max(200);

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
