import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { signInInput, signUpInput, type SessionGrant, type User } from "@shop/contracts";
import { clearedSessionCookie, sessionCookie } from "../session";
import { publicProcedure, shopperProcedure, type Context } from "../trpc";

/** Hands the session to the browser as a cookie; the token never appears in a response body. */
function startSession(ctx: Context, grant: SessionGrant): User {
  ctx.setCookie(sessionCookie(grant.token, new Date(grant.expiresAt), ctx.secure));
  return grant.user;
}

// Signing in or up replaces the browser's session: user-service revokes the one its cookie
// holds (previousToken, absent without a cookie) as it grants the new one.
export const authRoutes = {
  me: publicProcedure.query(({ ctx }) => ctx.user()),
  signUp: publicProcedure
    .input(signUpInput)
    .mutation(async ({ ctx, input }) =>
      startSession(
        ctx,
        await ctx.services.user.auth.signUp.mutate({ ...input, previousToken: ctx.sessionToken }),
      ),
    ),
  signIn: publicProcedure
    .input(signInInput)
    .mutation(async ({ ctx, input }) =>
      startSession(
        ctx,
        await ctx.services.user.auth.signIn.mutate({ ...input, previousToken: ctx.sessionToken }),
      ),
    ),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    // The browser forgets the session even if user-service cannot be told right now (the
    // session then simply expires); the failure still reaches the caller and the log.
    ctx.setCookie(clearedSessionCookie(ctx.secure));
    if (ctx.sessionToken) await ctx.services.user.auth.signOut.mutate({ token: ctx.sessionToken });
    return { signedOut: true };
  }),
} satisfies TRPCRouterRecord;

export const accountRoutes = {
  profile: shopperProcedure.query(({ ctx }) => ctx.services.user.users.me.query()),
} satisfies TRPCRouterRecord;
