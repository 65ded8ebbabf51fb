import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { TRPCClientError } from "@trpc/client";
import type { Actor, ShopErrorData, User } from "@shop/contracts";
import { DomainTRPCError, shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import type { Logger } from "@shop/service-kit/logger";
import { log } from "./logger";
import { servicesFor, type Services } from "./services";
import { userOfSession } from "./session";

export interface Context {
  log: Logger;
  /** Clients acting as a visitor: enough for the public catalog. */
  services: Services;
  /** Clients acting as someone (the signed-in user, once a procedure has resolved them). */
  servicesFor: (actor: Actor) => Services;
  sessionToken: string | undefined;
  /** The browser's device token (its device cookie), sent with sign-in attempts only. */
  deviceToken: string | undefined;
  clientIp: string | undefined;
  /** The signed-in user, resolved at most once per request and only when a procedure asks. */
  user: () => Promise<User | null>;
  /** Adds a Set-Cookie header to the response (only where there is one: the HTTP endpoint). */
  setCookie: (cookie: string) => void;
  /** Whether the request came over https (the session cookie is then Secure). */
  secure: boolean;
}

export interface RequestFacts {
  sessionToken?: string | undefined;
  deviceToken?: string | undefined;
  clientIp?: string | undefined;
  secure?: boolean;
  setCookie?: (cookie: string) => void;
}

/**
 * Built once per request. Reads nothing by itself: pages of the public catalog get a visitor
 * context (so they stay cacheable); the HTTP endpoint and signed-in pages pass the cookie in.
 */
export function createContext(facts: RequestFacts = {}): Context {
  let user: Promise<User | null> | undefined;
  const services = servicesFor({
    role: "visitor",
    ...(facts.clientIp ? { clientIp: facts.clientIp } : {}),
  });
  return {
    log,
    services,
    servicesFor,
    sessionToken: facts.sessionToken,
    deviceToken: facts.deviceToken,
    clientIp: facts.clientIp,
    user: () => (user ??= userOfSession(services, facts.sessionToken)),
    setCookie: facts.setCookie ?? (() => {}),
    secure: facts.secure ?? false,
  };
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
  // A service refusing the BFF's own credential (wrong secret, clock skew) is a fault of ours,
  // not a reason to ask the visitor to sign in; business refusals carry an errorCode.
  const credentialRefused = data?.code === "UNAUTHORIZED" && !data.errorCode;
  if (data?.code && data.code !== "INTERNAL_SERVER_ERROR" && !credentialRefused) {
    return new DomainTRPCError({
      code: data.code as TRPCCode,
      errorCode: data.errorCode,
      message: error.message,
      fieldErrors: data.fieldErrors,
      retryAfterSeconds: data.retryAfterSeconds,
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

/** Anyone, signed in or not. Calls services as a visitor. */
export const publicProcedure = t.procedure.use(translateServiceErrors);

/** A signed-in user (shopper or admin); services are called as that user. */
export const shopperProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.user();
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in first" });
  const actor = {
    role: user.role,
    userId: user.id,
    ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
  };
  return next({ ctx: { user, services: ctx.servicesFor(actor) } });
});

/** The one place admin access is decided: signed in, with the admin role. */
export const adminProcedure = shopperProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return next();
});
