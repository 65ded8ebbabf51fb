import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { PaymentDeps } from "../../../application/ports";

export type Context = ServiceContext<PaymentDeps>;

/**
 * This service's tRPC, as in every service (service-kit/trpc.ts). Every procedure is the BFF's,
 * for a signed-in user acting on their own wallet: `userProcedure`, whose user id is the
 * credential's. No procedure takes a user id, so no input can name someone else's wallet.
 */
export const { router, createCallerFactory, createContextFactory, userProcedure, opsRoutes } =
  createServiceTRPC<PaymentDeps>();
