import type { SessionGrant as SessionGrantDto, User as UserDto } from "@shop/contracts";
import { commonTRPCError, DomainTRPCError, valueOrThrowWith } from "@shop/service-kit/trpc-errors";
import type { UserError } from "../../../domain/errors";
import type { User } from "../../../domain/user";
import type { SessionGrant } from "../../../application/ports";

/** What leaves the service about a user: never the password hash. */
export const toUserDto = (u: User): UserDto => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

export const toGrantDto = (g: SessionGrant): SessionGrantDto => ({
  user: toUserDto(g.user),
  token: g.token,
  expiresAt: g.expiresAt.toISOString(),
  deviceToken: g.deviceToken,
  deviceExpiresAt: g.deviceExpiresAt.toISOString(),
});

/** "45 seconds" for a short wait, "12 minutes" (rounded up) past a minute and a half. */
export const waitText = (seconds: number): string =>
  seconds === 1
    ? "1 second"
    : seconds <= 90
      ? `${seconds} seconds`
      : `${Math.ceil(seconds / 60)} minutes`;

/** The edge where a domain error becomes a transport error: code, message, per-field hints. */
export function toTRPCError(e: UserError): DomainTRPCError {
  switch (e.code) {
    case "VALIDATION_FAILED":
    case "NOT_FOUND":
      return commonTRPCError(e);
    case "EMAIL_TAKEN":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: "An account with this email already exists",
        fieldErrors: { [e.field]: ["An account with this email already exists"] },
      });
    case "INVALID_CREDENTIALS":
      return new DomainTRPCError({
        code: "UNAUTHORIZED",
        errorCode: e.code,
        message: "Email or password is incorrect",
      });
    case "RATE_LIMITED":
      return new DomainTRPCError({
        code: "TOO_MANY_REQUESTS",
        errorCode: e.code,
        message:
          e.action === "sign-in"
            ? `Too many sign-in attempts. Try again in ${waitText(e.retryAfterSeconds)}.`
            : `Too many new accounts from your network. Try again in ${Math.ceil(e.retryAfterSeconds / 60)} minutes.`,
        retryAfterSeconds: e.retryAfterSeconds,
      });
  }
}

/** Unwraps a use case's result for a procedure: the value, or the mapped error thrown. */
export const valueOrThrow = valueOrThrowWith(toTRPCError);
