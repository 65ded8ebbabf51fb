import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { signInInput, signUpInput, type SessionGrant, type User } from "@shop/contracts";
import { clearedSessionCookie, deviceCookie, sessionCookie } from "../session";
import { publicProcedure, shopperProcedure, type Context } from "../trpc";

/**
 * Hands the session and the device token to the browser as cookies; neither token ever
 * appears in a response body.
 */
function startSession(ctx: Context, grant: SessionGrant): User {
  ctx.setCookie(sessionCookie(grant.token, new Date(grant.expiresAt), ctx.secure));
  ctx.setCookie(deviceCookie(grant.deviceToken, new Date(grant.deviceExpiresAt), ctx.secure));
  return grant.user;
}

// Signing in or up replaces the browser's session: user-service revokes the one its cookie
// holds (previousToken, absent without a cookie) as it grants the new one. A sign-in also
// sends the browser's device token (absent without a device cookie): one of this account's
// is exempt from the per-email failure ceiling, so strangers cannot lock this browser out.
// Sign-out leaves the device cookie: it signs nobody in by itself.
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
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) =>
    startSession(
      ctx,
      await ctx.services.user.auth.signIn.mutate({
        ...input,
        previousToken: ctx.sessionToken,
        deviceToken: ctx.deviceToken,
      }),
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
