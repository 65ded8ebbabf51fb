import type { TRPCRouterRecord } from "@trpc/server";
import type { User } from "@shop/contracts";
import { resolveSession } from "../../../application/resolve-session";
import { toUserDto } from "./map";
import { tokenInput } from "./inputs";
import { callerProcedure } from "./trpc";

export const sessionRoutes = {
  /**
   * The user a session token signs in, or null (unknown, expired or revoked). A mutation only
   * so the token travels in the body (see ./inputs.ts); it changes nothing.
   */
  resolve: callerProcedure
    .input(tokenInput)
    .mutation(async ({ ctx, input }): Promise<User | null> => {
      const user = await resolveSession(ctx.deps, input.token);
      return user && toUserDto(user);
    }),
} satisfies TRPCRouterRecord;
