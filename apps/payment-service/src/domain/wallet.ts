import { err, ok, validationFailed, type Result } from "@shop/kernel";
import type { WalletError } from "./errors";

/*
 * A wallet: a balance in integer cents, never negative, and a ledger in which every change is an
 * entry. The balance always equals the sum of the entries. The store keeps both true under
 * concurrency (one guarded statement per change, in the transaction that writes the entry);
 * these are the rules it applies, and the messages a shopper sees.
 */

/**
 * At most this much per charge: $1,000.00. The same number is in @shop/contracts for the charge
 * form (MAX_CHARGE_CENTS); a test holds the two together.
 */
export const MAX_CHARGE_CENTS = 100_000;

/**
 * A charge may not take the balance above this: $10,000.00. Only charges are held to it: a
 * refund gives back money the shopper had, and a compensation never fails for a business reason.
 * Also in @shop/contracts (MAX_BALANCE_CENTS), held together by a test.
 */
export const MAX_BALANCE_CENTS = 1_000_000;

export type LedgerKind = "charge" | "payment" | "refund";

export interface LedgerEntry {
  id: string;
  userId: string;
  /** 1, 2, 3... per wallet, in the order the changes were made (gapless). */
  seq: number;
  kind: LedgerKind;
  /** Signed: a charge or refund adds (> 0), a payment takes (< 0). */
  amountCents: number;
  balanceAfterCents: number;
  /** The order of a payment or refund; null for a charge. */
  orderId: string | null;
  /** The partial refund a refund entry is (payment.refund-part's id); null otherwise. */
  refundId: string | null;
  createdAt: Date;
}

/** Whether `cents` is an amount of money a wallet can move: a whole, positive number of cents. */
export const isPositiveCents = (cents: number): boolean => Number.isSafeInteger(cents) && cents > 0;

/**
 * A charge's amount, checked before the store is touched: a whole, positive number of cents, at
 * most MAX_CHARGE_CENTS. (The balance limit depends on the balance at the moment of the charge,
 * so the store checks it in the same statement as the change.)
 */
export function checkChargeAmount(amountCents: number): Result<number, WalletError> {
  if (!isPositiveCents(amountCents))
    return err(
      validationFailed({ amountCents: ["Enter a whole number of cents, more than zero"] }),
    );
  if (amountCents > MAX_CHARGE_CENTS)
    return err({ code: "AMOUNT_TOO_LARGE", amountCents, maxChargeCents: MAX_CHARGE_CENTS });
  return ok(amountCents);
}

/** The most one charge can add to this balance: the per-charge limit, less near the balance limit. */
export const chargeableCents = (balanceCents: number): number =>
  Math.max(0, Math.min(MAX_CHARGE_CENTS, MAX_BALANCE_CENTS - balanceCents));

/** A charge the store refused because it would take `balanceCents` above the limit. */
export const balanceLimit = (balanceCents: number): WalletError => ({
  code: "BALANCE_LIMIT",
  balanceCents,
  maxBalanceCents: MAX_BALANCE_CENTS,
  chargeableCents: chargeableCents(balanceCents),
});

/** The rule the store applies in its guarded statement; here for a single actor and for tests. */
export const canCharge = (balanceCents: number, amountCents: number): boolean =>
  isPositiveCents(amountCents) &&
  amountCents <= MAX_CHARGE_CENTS &&
  balanceCents + amountCents <= MAX_BALANCE_CENTS;

/** The rule of the store's conditional debit: never below zero. */
export const canDebit = (balanceCents: number, amountCents: number): boolean =>
  isPositiveCents(amountCents) && balanceCents >= amountCents;

/** How a ledger reads back: its sum is the balance (the invariant every test checks). */
export const ledgerSum = (entries: readonly Pick<LedgerEntry, "amountCents">[]): number =>
  entries.reduce((sum, e) => sum + e.amountCents, 0);
