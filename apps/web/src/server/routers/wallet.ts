import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { chargeWalletInput, MAX_LEDGER_PAGE } from "@shop/contracts";
import { z } from "zod";
import { shopperProcedure } from "../trpc";

/** The signed-in shopper's wallet: whose it is comes from the session, never from input. */
export const walletRoutes = {
  balance: shopperProcedure.query(({ ctx }) => ctx.services.payment.wallet.balance.query()),
  /** Newest first; `cursor` is the previous page's nextBefore (TanStack's infinite queries). */
  ledger: shopperProcedure
    .input(
      z.object({
        cursor: z.int().min(1).nullish(),
        limit: z.int().min(1).max(MAX_LEDGER_PAGE).default(20),
      }),
    )
    .query(({ ctx, input }) =>
      ctx.services.payment.wallet.ledger.query({
        limit: input.limit,
        ...(input.cursor ? { before: input.cursor } : {}),
      }),
    ),
  charge: shopperProcedure
    .input(chargeWalletInput)
    .mutation(({ ctx, input }) => ctx.services.payment.wallet.charge.mutate(input)),
} satisfies TRPCRouterRecord;
