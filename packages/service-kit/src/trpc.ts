import type { IncomingMessage } from "node:http";
import { initTRPC } from "@trpc/server";
import { deadLetterIdInput, listDeadLettersInput, type Actor } from "@shop/contracts";
import type { Actor as KernelActor } from "@shop/kernel";
import {
  requireActor,
  requireAdmin,
  requireUser,
  type InternalCredentialVerifier,
} from "./internal-auth";
import type { Logger } from "./logger";
import { noOperations, type DeadLetterResolved, type ServiceOperations } from "./operations";
import { commonTRPCError, DomainTRPCError, shopErrorFormatter } from "./trpc-errors";

/** What every procedure of a service gets: its use cases' dependencies, a logger, the actor. */
export interface ServiceContext<Deps> {
  deps: Deps;
  log: Logger;
  /**
   * Who the BFF says is acting, from the request's verified internal credential (null without
   * a valid one). Identity is taken only from here, never from a procedure's input.
   */
  actor: Actor | null;
  /**
   * What the operations console asks this service (its queues, outbox, dead letters); absent:
   * nothing to tell (a test's context, a service without a broker).
   */
  ops?: ServiceOperations;
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
  const adminProcedure = t.procedure.use(({ ctx, next }) =>
    next({ ctx: { actor: requireAdmin(ctx.actor) } }),
  );
  const resolve = (action: "replay" | "discard") =>
    adminProcedure.input(deadLetterIdInput).mutation(async ({ ctx, input }) => {
      const result = await (ctx.ops ?? noOperations).resolveDeadLetter(
        input.id,
        action,
        ctx.actor.userId,
      );
      if (!result.ok)
        throw result.error.code === "DEAD_LETTER_RESOLVED"
          ? resolvedError(result.error)
          : commonTRPCError(result.error);
      return result.value;
    });
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
    adminProcedure,
    /** Every service's `ops` routes, the same everywhere: `router({ ..., ops: opsRoutes })`. */
    opsRoutes: t.router({
      status: adminProcedure.query(({ ctx }) => (ctx.ops ?? noOperations).status()),
      deadLetters: adminProcedure
        .input(listDeadLettersInput)
        .query(({ ctx, input }) => (ctx.ops ?? noOperations).listDeadLetters(input)),
      replay: resolve("replay"),
      discard: resolve("discard"),
    }),
    createContextFactory:
      ({
        deps,
        log,
        verifier,
        ops = noOperations,
      }: {
        deps: Deps;
        log: Logger;
        verifier: InternalCredentialVerifier;
        ops?: ServiceOperations;
      }) =>
      async ({ req }: { req: IncomingMessage }): Promise<ServiceContext<Deps>> => ({
        deps,
        log,
        actor: await verifier.fromHeaders(req.headers),
        ops,
      }),
  };
}

const resolvedError = (e: DeadLetterResolved) =>
  new DomainTRPCError({ code: "CONFLICT", errorCode: e.code, message: e.message });

/*
 * Use cases take the kernel's Actor; procedures hand them the credential's (the contract's). The
 * two must agree: the same roles, and a contract actor is a kernel actor. Fails to compile if not.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _ActorRolesAgree = Assert<Same<Actor["role"], KernelActor["role"]>>;
export type _ContractActorIsKernelActor = Assert<Actor extends KernelActor ? true : false>;
