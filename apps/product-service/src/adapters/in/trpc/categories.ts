import type { TRPCRouterRecord } from "@trpc/server";
import { listCategories } from "../../../application/list-categories";
import { serviceProcedure } from "./trpc";

export const categoryRoutes = {
  list: serviceProcedure.query(({ ctx }) => listCategories(ctx.deps)),
} satisfies TRPCRouterRecord;
