import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { CouponDeps } from "../../../application/ports";

export type Context = ServiceContext<CouponDeps>;

/**
 * This service's tRPC, as in every service (service-kit/trpc.ts): `callerProcedure` for any
 * caller the BFF vouches for (visitors included), `userProcedure` for a signed-in user acting
 * for themselves, `adminProcedure` for campaign management. The use cases decide again from
 * the actor they are given.
 */
export const {
  router,
  createCallerFactory,
  createContextFactory,
  callerProcedure,
  userProcedure,
  adminProcedure,
  opsRoutes,
} = createServiceTRPC<CouponDeps>();
