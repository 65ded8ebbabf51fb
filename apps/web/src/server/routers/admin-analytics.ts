import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure } from "../trpc";

/**
 * The admin's sales analytics: the window's top products with their units day by day, from
 * product-service's read models. product-service checks the admin role again itself.
 */
export const adminAnalyticsRoutes = {
  sales: adminProcedure.query(({ ctx }) => ctx.services.product.analytics.sales.query()),
} satisfies TRPCRouterRecord;
