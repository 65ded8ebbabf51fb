import type { TRPCRouterRecord } from "@trpc/server";
import { userNamesInput } from "@shop/contracts";
import { nameUsers } from "../../../application/name-users";
import { adminProcedure } from "./trpc";

export const adminRoutes = {
  /** Display names by user id: the operations console's "replayed by". */
  names: adminProcedure
    .input(userNamesInput)
    .query(({ ctx, input }) => nameUsers(ctx.deps, input.ids)),
} satisfies TRPCRouterRecord;
