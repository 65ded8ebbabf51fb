import { createServiceTRPC, type ServiceContext } from "@shop/service-kit/trpc";
import type { OrderDeps } from "../../../application/ports";

export type Context = ServiceContext<OrderDeps>;

/** This service's tRPC, as in every service (service-kit/trpc.ts). */
export const { router, createContextFactory } = createServiceTRPC<OrderDeps>();
