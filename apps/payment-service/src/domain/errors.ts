import type { CommonError } from "@shop/kernel";

/** Everything that can go wrong for a business reason with a wallet, as plain values. */
export type WalletError =
  | CommonError
  /** One charge above the per-charge limit. */
  | { code: "AMOUNT_TOO_LARGE"; amountCents: number; maxChargeCents: number }
  /** The charge would take the balance above the balance limit. */
  | {
      code: "BALANCE_LIMIT";
      balanceCents: number;
      maxBalanceCents: number;
      /** The most that could be charged now. */
      chargeableCents: number;
    }
  /** The idempotency key already charged a different amount: a client bug, never a replay. */
  | { code: "IDEMPOTENCY_KEY_REUSED"; chargedCents: number };
