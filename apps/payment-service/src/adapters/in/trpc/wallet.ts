import type { TRPCRouterRecord } from "@trpc/server";
import {
  chargeWalletInput,
  walletLedgerInput,
  type ChargeResult,
  type LedgerPage,
  type WalletBalance,
} from "@shop/contracts";
import { chargeWallet } from "../../../application/charge-wallet";
import { getWallet } from "../../../application/get-wallet";
import { listLedger } from "../../../application/list-ledger";
import { toEntryDto, valueOrThrow } from "./map";
import { userProcedure } from "./trpc";

// Whose wallet: always ctx.actor.userId, the verified credential's. No input carries a user id
// (and one sent anyway is stripped by the schema), so a shopper can only reach their own.
export const walletRoutes = {
  /** The balance, and what one charge may add now. */
  balance: userProcedure.query(async ({ ctx }): Promise<WalletBalance> =>
    getWallet(ctx.deps, ctx.actor.userId),
  ),

  /** The ledger, newest first, a page at a time (`before` = the previous page's nextBefore). */
  ledger: userProcedure
    .input(walletLedgerInput)
    .query(async ({ ctx, input }): Promise<LedgerPage> => {
      const page = await listLedger(ctx.deps, ctx.actor.userId, input);
      return { entries: page.entries.map(toEntryDto), nextBefore: page.nextBefore };
    }),

  /**
   * Adds money. Idempotent per `idempotencyKey`: the BFF passes the key the charge form made, so
   * a double-click or a retried request charges once and answers the first charge again.
   */
  charge: userProcedure
    .input(chargeWalletInput)
    .mutation(async ({ ctx, input }): Promise<ChargeResult> => {
      const result = valueOrThrow(await chargeWallet(ctx.deps, ctx.actor.userId, input));
      ctx.log.info(
        {
          userId: ctx.actor.userId,
          entryId: result.entry.id,
          amountCents: result.entry.amountCents,
          replayed: result.replayed,
        },
        result.replayed ? "charge replayed" : "wallet charged",
      );
      return {
        entry: toEntryDto(result.entry),
        balanceCents: result.balanceCents,
        replayed: result.replayed,
      };
    }),
} satisfies TRPCRouterRecord;
