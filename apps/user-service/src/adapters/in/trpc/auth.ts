import type { TRPCRouterRecord } from "@trpc/server";
import type { SessionGrant } from "@shop/contracts";
import { signIn } from "../../../application/sign-in";
import { signOut } from "../../../application/sign-out";
import { signUp } from "../../../application/sign-up";
import { toGrantDto, valueOrThrow } from "./map";
import { signInWithPreviousInput, signUpWithPreviousInput, tokenInput } from "./inputs";
import { callerProcedure } from "./trpc";

// Log lines name outcomes and user ids only: never an email, a password or a token (session or
// device).
export const authRoutes = {
  signUp: callerProcedure
    .input(signUpWithPreviousInput)
    .mutation(async ({ ctx, input }): Promise<SessionGrant> => {
      // As for sign-in, the client address only ever comes from the verified credential.
      const grant = valueOrThrow(
        await signUp(ctx.deps, input, {
          clientIp: ctx.actor.clientIp,
          previousToken: input.previousToken,
        }),
      );
      ctx.log.info({ userId: grant.user.id }, "account created");
      return toGrantDto(grant);
    }),
  signIn: callerProcedure
    .input(signInWithPreviousInput)
    .mutation(async ({ ctx, input }): Promise<SessionGrant> => {
      const result = await signIn(ctx.deps, {
        email: input.email,
        password: input.password,
        // The client address only ever comes from the verified credential, never from input.
        clientIp: ctx.actor.clientIp,
        previousToken: input.previousToken,
        deviceToken: input.deviceToken,
      });
      if (!result.ok) ctx.log.info({ errorCode: result.error.code }, "sign-in refused");
      const grant = valueOrThrow(result);
      ctx.log.info({ userId: grant.user.id }, "signed in");
      return toGrantDto(grant);
    }),
  signOut: callerProcedure.input(tokenInput).mutation(async ({ ctx, input }): Promise<void> => {
    await signOut(ctx.deps, input.token);
  }),
} satisfies TRPCRouterRecord;
