import type { IncomingMessage } from "node:http";
import { initTRPC } from "@trpc/server";
import type { Actor } from "@shop/contracts";
import type { Actor as KernelActor } from "@shop/kernel";
import {
  requireActor,
  requireAdmin,
  requireUser,
  type InternalCredentialVerifier,
} from "./internal-auth";
import type { Logger } from "./logger";
import { shopErrorFormatter } from "./trpc-errors";

/** What every procedure of a service gets: its use cases' dependencies, a logger, the actor. */
export interface ServiceContext<Deps> {
  deps: Deps;
  log: Logger;
  /**
   * Who the BFF says is acting, from the request's verified internal credential (null without
   * a valid one). Identity is taken only from here, never from a procedure's input.
   */
  actor: Actor | null;
}

/**
 * One service's tRPC, the same in every service: the shop's error shape, and one procedure
 * vocabulary (a credential is checked before any input is read):
 * - `callerProcedure`: any caller the BFF vouches for, visitors included (no valid credential:
 *   UNAUTHORIZED);
 * - `userProcedure`: a signed-in user (shopper or admin), `ctx.actor.userId` set;
 * - `adminProcedure`: admins only (FORBIDDEN for shoppers).
 * `createContextFactory` builds each request's context, verifying its Authorization header; its
 * type is the router's, so startServiceServer refuses a context that does not fit.
 *
 * A service's trpc.ts: `export const { router, callerProcedure, ... } = createServiceTRPC<MyDeps>();`
 */
export function createServiceTRPC<Deps>() {
  const t = initTRPC.context<ServiceContext<Deps>>().create({ errorFormatter: shopErrorFormatter });
  return {
    router: t.router,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    callerProcedure: t.procedure.use(({ ctx, next }) =>
      next({ ctx: { actor: requireActor(ctx.actor) } }),
    ),
    userProcedure: t.procedure.use(({ ctx, next }) =>
      next({ ctx: { actor: requireUser(ctx.actor) } }),
    ),
    adminProcedure: t.procedure.use(({ ctx, next }) =>
      next({ ctx: { actor: requireAdmin(ctx.actor) } }),
    ),
    createContextFactory:
      ({
        deps,
        log,
        verifier,
      }: {
        deps: Deps;
        log: Logger;
        verifier: InternalCredentialVerifier;
      }) =>
      async ({ req }: { req: IncomingMessage }): Promise<ServiceContext<Deps>> => ({
        deps,
        log,
        actor: await verifier.fromHeaders(req.headers),
      }),
  };
}

/*
 * Use cases take the kernel's Actor; procedures hand them the credential's (the contract's). The
 * two must agree: the same roles, and a contract actor is a kernel actor. Fails to compile if not.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _ActorRolesAgree = Assert<Same<Actor["role"], KernelActor["role"]>>;
export type _ContractActorIsKernelActor = Assert<Actor extends KernelActor ? true : false>;
