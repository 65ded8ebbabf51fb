import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { ErrorCode, FieldErrors, ShopErrorData } from "@shop/contracts";
import type { CommonError, Result } from "@shop/kernel";

type TRPCCode = TRPCError["code"];

/** A typed business outcome on its way out through tRPC: keeps the code the client reacts to. */
export class DomainTRPCError extends TRPCError {
  readonly errorCode: ErrorCode | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(opts: {
    code: TRPCCode;
    errorCode?: ErrorCode | undefined;
    message: string;
    fieldErrors?: FieldErrors | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super({ code: opts.code, message: opts.message });
    this.errorCode = opts.errorCode;
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/**
 * The errors every service has, mapped the same way everywhere: VALIDATION_FAILED is a
 * BAD_REQUEST with a message per field (as zod-invalid input is), NOT_FOUND a NOT_FOUND. A
 * service's toTRPCError hands these cases here and maps only its own codes.
 */
export function commonTRPCError(e: CommonError): DomainTRPCError {
  switch (e.code) {
    case "VALIDATION_FAILED":
      return new DomainTRPCError({
        code: "BAD_REQUEST",
        errorCode: e.code,
        message: "Some fields are not valid",
        fieldErrors: e.fieldErrors,
      });
    case "NOT_FOUND":
      return new DomainTRPCError({ code: "NOT_FOUND", errorCode: e.code, message: e.message });
  }
}

/**
 * A procedure's unwrapper of use-case results: the value, or the error mapped by `toError` and
 * thrown. `export const valueOrThrow = valueOrThrowWith(toTRPCError);`
 */
export function valueOrThrowWith<E>(toError: (e: E) => TRPCError) {
  return <T>(result: Result<T, E>): T => {
    if (!result.ok) throw toError(result.error);
    return result.value;
  };
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

interface BaseShape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; stack?: string };
}

/**
 * The one error shape of every tRPC server in the shop: per-field messages for invalid input,
 * the business code for domain errors, and never a stack trace or an internal message.
 */
export function shopErrorFormatter<TShape extends BaseShape>({
  shape,
  error,
}: {
  shape: TShape;
  error: TRPCError;
}): Omit<TShape, "data"> & { data: ShopErrorData & { path?: string } } {
  const cause = error.cause;
  const data: ShopErrorData & { path?: string } = {
    code: shape.data.code,
    httpStatus: shape.data.httpStatus,
    ...(shape.data.path ? { path: shape.data.path } : {}),
  };
  let message = shape.message;
  if (error.code === "BAD_REQUEST" && cause instanceof z.ZodError) {
    data.errorCode = "VALIDATION_FAILED";
    data.fieldErrors = fieldErrorsOf(cause);
    message = "Some fields are not valid";
  } else if (error instanceof DomainTRPCError) {
    if (error.errorCode) data.errorCode = error.errorCode;
    if (error.fieldErrors) data.fieldErrors = error.fieldErrors;
    if (error.retryAfterSeconds !== undefined) data.retryAfterSeconds = error.retryAfterSeconds;
  } else if (error.code === "INTERNAL_SERVER_ERROR") {
    message = "Internal error";
  }
  return { ...shape, message, data };
}
