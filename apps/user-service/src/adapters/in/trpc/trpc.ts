import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { UserDeps } from "../../../application/ports";

export type Context = ServiceContext<UserDeps>;

/**
 * This service's tRPC, as in every service (service-kit/trpc.ts). Every procedure is called by
 * the BFF only: `callerProcedure` for any caller it vouches for (visitors signing in or up),
 * `userProcedure` for a signed-in user acting on their own account (the id is the credential's),
 * `adminProcedure` for an admin.
 */
export const {
  router,
  createCallerFactory,
  createContextFactory,
  callerProcedure,
  userProcedure,
  adminProcedure,
  opsRoutes,
} = createServiceTRPC<UserDeps>();
