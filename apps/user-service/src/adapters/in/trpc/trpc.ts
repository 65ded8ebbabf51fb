import type { IncomingMessage } from "node:http";
import { initTRPC } from "@trpc/server";
import {
  requireActor,
  requireUser,
  type InternalCredentialVerifier,
} from "@shop/service-kit/internal-auth";
import { shopErrorFormatter } from "@shop/service-kit/trpc-errors";
import type { Logger } from "@shop/service-kit/logger";
import type { Actor } from "@shop/contracts";
import type { UserDeps } from "../../../application/ports";

export interface Context {
  deps: UserDeps;
  log: Logger;
  /**
   * Who is acting, from the request's verified internal credential (null without a valid one).
   * Identity is taken only from here, never from a procedure's input.
   */
  actor: Actor | null;
}

/** Builds each request's context; the actor is verified from its Authorization header. */
export function createContextFactory(
  deps: UserDeps,
  log: Logger,
  auth: InternalCredentialVerifier,
) {
  return async ({ req }: { req: IncomingMessage }): Promise<Context> => ({
    deps,
    log,
    actor: await auth.fromHeaders(req.headers),
  });
}

const t = initTRPC.context<Context>().create({ errorFormatter: shopErrorFormatter });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure of this service is called by the BFF only: a request without a valid
 * internal credential is UNAUTHORIZED before any input is read. Visitors (signed out) pass.
 */
export const actorProcedure = t.procedure.use(({ ctx, next }) =>
  next({ ctx: { actor: requireActor(ctx.actor) } }),
);

/** For a signed-in user acting on their own account: the user id is the credential's. */
export const userProcedure = t.procedure.use(({ ctx, next }) =>
  next({ ctx: { actor: requireUser(ctx.actor) } }),
);
