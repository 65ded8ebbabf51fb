import { notFound, type CommonError } from "@shop/kernel";

/** Everything that can go wrong for a business reason with accounts and sessions, as values. */
export type UserError =
  | CommonError
  | { code: "EMAIL_TAKEN"; field: "email" }
  | { code: "INVALID_CREDENTIALS" }
  | { code: "RATE_LIMITED"; action: "sign-in" | "sign-up"; retryAfterSeconds: number };

export const emailTaken: UserError = { code: "EMAIL_TAKEN", field: "email" };

/**
 * The one answer to a failed sign-in, whether the email is unknown or the password wrong: the
 * caller must not learn which accounts exist.
 */
export const invalidCredentials: UserError = { code: "INVALID_CREDENTIALS" };

export const userNotFound = (id: string): UserError => notFound(`No user with id ${id}`);
