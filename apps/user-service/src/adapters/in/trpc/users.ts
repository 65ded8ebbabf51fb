import type { TRPCRouterRecord } from "@trpc/server";
import type { User } from "@shop/contracts";
import { getUser } from "../../../application/get-user";
import { toUserDto, valueOrThrow } from "./map";
import { userProcedure } from "./trpc";

export const userRoutes = {
  /** The signed-in user. Takes no input: whose account it is comes from the credential only. */
  me: userProcedure.query(async ({ ctx }): Promise<User> =>
    toUserDto(valueOrThrow(await getUser(ctx.deps, ctx.actor.userId))),
  ),
} satisfies TRPCRouterRecord;
