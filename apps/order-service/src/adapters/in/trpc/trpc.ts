import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { OrderDeps } from "../../../application/ports";

export type Context = ServiceContext<OrderDeps>;

/**
 * This service's tRPC, as in every service (service-kit/trpc.ts). Carts and orders are the
 * credential's user's (`userProcedure`): no procedure takes a user id. The admin's views of
 * every order are `adminProcedure`.
 */
export const {
  router,
  createCallerFactory,
  createContextFactory,
  userProcedure,
  adminProcedure,
  opsRoutes,
} = createServiceTRPC<OrderDeps>();
