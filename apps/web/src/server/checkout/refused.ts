import "server-only";
import { DomainTRPCError } from "@shop/service-kit/trpc-errors";

/** A checkout or cart request refused before it reaches a service, with the field to blame. */
export const refused = (field: string, message: string) =>
  new DomainTRPCError({
    code: "BAD_REQUEST",
    errorCode: "VALIDATION_FAILED",
    message,
    fieldErrors: { [field]: [message] },
  });
