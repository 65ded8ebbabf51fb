import { err, ok, type Result } from "@shop/kernel";
import type { UserError } from "./errors";

export type Role = "shopper" | "admin";

export interface User {
  id: string;
  /** Lower-case, trimmed: one address is one account however it is typed. */
  email: string;
  displayName: string;
  role: Role;
  /** An argon2id hash in PHC format; never leaves the service. */
  passwordHash: string;
  createdAt: Date;
}

/** What a person gives to open an account (the password still in clear, before hashing). */
export interface Registration {
  email: string;
  password: string;
  displayName: string;
}

/** The same rules as the shop's input contract, held here too whatever the transport checked. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 60;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

// Deliberately loose (one "@", something on each side, a dot in the domain, no spaces): the
// contract's zod schema does the thorough check; this one guards the store.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a registration and returns it normalized (email lower-cased and trimmed, display name
 * trimmed); every invalid field is reported at once.
 */
export function checkRegistration(r: Registration): Result<Registration, UserError> {
  const email = normalizeEmail(r.email);
  const displayName = r.displayName.trim();
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  if (email.length > EMAIL_MAX_LENGTH) add("email", "Email is too long");
  else if (!EMAIL_SHAPE.test(email)) add("email", "Enter a valid email address");
  if (r.password.length < PASSWORD_MIN_LENGTH)
    add("password", `Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (r.password.length > PASSWORD_MAX_LENGTH)
    add("password", `Use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (displayName === "") add("displayName", "Tell us what to call you");
  if (displayName.length > DISPLAY_NAME_MAX_LENGTH)
    add("displayName", `Use at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  return Object.keys(fieldErrors).length
    ? err({ code: "VALIDATION_FAILED", fieldErrors })
    : ok({ email, password: r.password, displayName });
}

/** A new account. Sign-up only ever makes shoppers; admins come from the seed or an admin. */
export function createUser(fields: {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  now: Date;
  role?: Role;
}): User {
  return {
    id: fields.id,
    email: normalizeEmail(fields.email),
    displayName: fields.displayName.trim(),
    role: fields.role ?? "shopper",
    passwordHash: fields.passwordHash,
    createdAt: fields.now,
  };
}
