import { TRPCClientError } from "@trpc/client";
import type { ErrorCode, FieldErrors } from "@shop/contracts";

export interface ShopError {
  message: string;
  errorCode: ErrorCode | undefined;
  fieldErrors: FieldErrors;
}

/**
 * What the BFF said, read from whatever TanStack Query hands back as an error. An error
 * without `data` never reached the BFF (offline, or an answer that was not tRPC's).
 */
export function shopErrorOf(error: unknown): ShopError {
  if (error instanceof TRPCClientError && error.data) {
    const data = error.data as { errorCode?: ErrorCode; fieldErrors?: FieldErrors };
    return {
      message: error.message || "Something went wrong",
      errorCode: data.errorCode,
      fieldErrors: data.fieldErrors ?? {},
    };
  }
  return {
    message: "The shop could not be reached. Check your connection and try again.",
    errorCode: undefined,
    fieldErrors: {},
  };
}
