import "server-only";
import { initTRPC, type TRPCError } from "@trpc/server";
import { TRPCClientError } from "@trpc/client";
import type { ShopErrorData } from "@shop/contracts";
import { DomainTRPCError, shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import type { Logger } from "@shop/service-kit/logger";
import { log } from "./logger";
import { services, type Services } from "./services";

export interface Context {
  services: Services;
  log: Logger;
}

/** Built per request; reads nothing from the request yet, so catalog pages stay cacheable. */
export function createContext(): Context {
  return { services, log };
}

const t = initTRPC.context<Context>().create({ errorFormatter: shopErrorFormatter });

type TRPCCode = TRPCError["code"];

/**
 * A downstream service's answer becomes the BFF's answer: its code, message and field errors
 * pass through; a service that cannot be reached becomes SERVICE_UNAVAILABLE, with the cause
 * logged here and never shown to the visitor.
 */
function fromServiceError(error: TRPCClientError<never>, path: string, logger: Logger): TRPCError {
  const data = error.data as Partial<ShopErrorData> | undefined;
  if (data?.code && data.code !== "INTERNAL_SERVER_ERROR") {
    return new DomainTRPCError({
      code: data.code as TRPCCode,
      errorCode: data.errorCode,
      message: error.message,
      ...(data.fieldErrors ? { fieldErrors: data.fieldErrors } : {}),
    });
  }
  // A network failure's stack says nothing useful; its message and code do.
  const cause = error.cause as (Error & { code?: unknown }) | undefined;
  logger.error(
    { path, reason: cause?.message ?? error.message, code: cause?.code ?? data?.code },
    "a service call failed",
  );
  return new DomainTRPCError({
    code: "SERVICE_UNAVAILABLE",
    errorCode: "SERVICE_UNAVAILABLE",
    message: "This part of the shop is unavailable right now. Please try again in a moment.",
  });
}

const translateServiceErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof TRPCClientError) {
    throw fromServiceError(result.error.cause, path, ctx.log);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(translateServiceErrors);

/**
 * The one place admin access is decided. Accounts and roles arrive with issue #4; until then
 * the admin pages are open on purpose, and this middleware is where the role check goes.
 */
export const adminProcedure = publicProcedure.use(({ next }) => next());
