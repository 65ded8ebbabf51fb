import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { ProductDeps } from "../../../application/ports";

export type Context = ServiceContext<ProductDeps>;

/**
 * This service's tRPC, as in every service (service-kit/trpc.ts): `callerProcedure` for any
 * caller the BFF vouches for (visitors included), `adminProcedure` for catalog changes.
 */
export const {
  router,
  createCallerFactory,
  createContextFactory,
  callerProcedure,
  adminProcedure,
  opsRoutes,
} = createServiceTRPC<ProductDeps>();
