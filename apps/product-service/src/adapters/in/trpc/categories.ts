import type { TRPCRouterRecord } from "@trpc/server";
import { listCategories } from "../../../application/list-categories";
import { callerProcedure } from "./trpc";

export const categoryRoutes = {
  list: callerProcedure.query(({ ctx }) => listCategories(ctx.deps)),
} satisfies TRPCRouterRecord;
