import { err, ok, validationFailed, type Result } from "@shop/kernel";
import type { WalletError } from "../domain/errors";
import {
  balanceLimit,
  checkChargeAmount,
  MAX_BALANCE_CENTS,
  type LedgerEntry,
} from "../domain/wallet";
import type { PaymentDeps } from "./ports";

export interface ChargeRequest {
  amountCents: number;
  /** Names this charge attempt: the same key charges once, however often it is sent. */
  idempotencyKey: string;
}

export interface ChargeOutcome {
  /** The charge's ledger entry (a replay: the one the first request made). */
  entry: LedgerEntry;
  /** The balance now. */
  balanceCents: number;
  /** True when the key had charged already and nothing was added this time. */
  replayed: boolean;
}

/**
 * Adds money to the user's own wallet (the user is the credential's, never the input's).
 *
 * The amount is checked first (a whole, positive number of cents, at most the per-charge
 * limit), before the store is touched. Then, in one transaction: the wallet's row is locked, so
 * two requests with one key (a double-click, a retry after a timeout) are serialized and the
 * second finds the first's entry and answers it again; the balance limit is checked in the same
 * statement that changes the balance.
 */
export async function chargeWallet(
  deps: PaymentDeps,
  userId: string,
  request: ChargeRequest,
): Promise<Result<ChargeOutcome, WalletError>> {
  const amount = checkChargeAmount(request.amountCents);
  if (!amount.ok) return amount;
  if (request.idempotencyKey.length === 0)
    return err(validationFailed({ idempotencyKey: ["An idempotency key is required"] }));
  const now = deps.clock.now();
  return deps.store.transaction(async ({ wallets }) => {
    const { balanceCents } = await wallets.lock(userId, now);
    const previous = await wallets.findCharge(userId, request.idempotencyKey);
    if (previous) {
      if (previous.amountCents !== amount.value)
        return err({ code: "IDEMPOTENCY_KEY_REUSED", chargedCents: previous.amountCents });
      return ok({ entry: previous, balanceCents, replayed: true });
    }
    const credit = await wallets.charge(userId, amount.value, MAX_BALANCE_CENTS, {
      id: deps.ids.next(),
      now,
      idempotencyKey: request.idempotencyKey,
    });
    if (credit.kind === "over-limit") return err(balanceLimit(credit.balanceCents));
    return ok({
      entry: credit.entry,
      balanceCents: credit.entry.balanceAfterCents,
      replayed: false,
    });
  });
}
