/*
 * Business errors every service has, as plain values. A service's error union includes the
 * ones it can return; service-kit (`commonTRPCError`) maps them onto tRPC in one place.
 */

/** Input a use case refuses, field by field (path -> messages). */
export type ValidationFailed = { code: "VALIDATION_FAILED"; fieldErrors: Record<string, string[]> };

/** The thing asked for does not exist (or the actor may not know that it does). */
export type NotFound = { code: "NOT_FOUND"; message: string };

export type CommonError = ValidationFailed | NotFound;

export const validationFailed = (fieldErrors: Record<string, string[]>): ValidationFailed => ({
  code: "VALIDATION_FAILED",
  fieldErrors,
});

export const notFound = (message: string): NotFound => ({ code: "NOT_FOUND", message });
