import { z } from "zod";
import { defineMessage } from "./messages";
import { text } from "./text";

/*
 * payment-service: the wallet (its tRPC API for the BFF) and the payment commands of the
 * checkout saga (RabbitMQ). All amounts are integer US cents.
 */

// ---------------------------------------------------------------------------------------------
// Wallet limits
// ---------------------------------------------------------------------------------------------

/**
 * At most this much per charge (top-up): $1,000.00. The wallet's domain holds the same number
 * (apps/payment-service/src/domain/wallet.ts, with a test that the two agree) and decides; it is
 * here for the charge form, which shows it before the shopper types.
 */
export const MAX_CHARGE_CENTS = 100_000;

/**
 * A charge may not take the balance above this: $10,000.00. Refunds may (a refund returns the
 * shopper's own money and never fails for a business reason).
 */
export const MAX_BALANCE_CENTS = 1_000_000;

/** A saga can ask for at most this much in one payment ($10,000,000.00): far above any order. */
export const MAX_PAYMENT_CENTS = 1_000_000_000;

// ---------------------------------------------------------------------------------------------
// tRPC API (BFF -> payment-service, audience "payment-service")
// ---------------------------------------------------------------------------------------------

/**
 * A charge's amount as a client may send it: a whole, positive number of cents. The per-charge
 * and balance limits are the wallet's rules, refused by the service with AMOUNT_TOO_LARGE and
 * BALANCE_LIMIT (and a field error on `amountCents`), not here.
 */
export const chargeAmountCents = z
  .int("Enter a whole number of cents")
  .min(1, "Enter an amount above zero");

/**
 * Names one charge attempt so that a retried or double-submitted request charges once: the
 * browser makes one (a random UUID, say) when the charge form is shown, and sends the same one
 * with every submission of that form. 16-64 letters, digits, "-" or "_".
 */
export const idempotencyKey = text().regex(
  /^[A-Za-z0-9_-]{16,64}$/,
  "Not a valid idempotency key (16-64 letters, digits, - or _)",
);

/**
 * `wallet.charge`: adds money to the credential's user's own wallet. No user id: whose wallet it
 * is comes only from the verified credential.
 */
export const chargeWalletInput = z.object({
  amountCents: chargeAmountCents,
  idempotencyKey,
});
export type ChargeWalletInput = z.input<typeof chargeWalletInput>;

export const MAX_LEDGER_PAGE = 100;

/**
 * `wallet.ledger`: the credential's user's entries, newest first. A page ends at `before` (the
 * `nextBefore` of the previous page; omitted for the newest), so entries added meanwhile never
 * shift the pages a shopper is reading.
 */
export const walletLedgerInput = z
  .object({
    before: z.int("Not a valid position").min(1, "Not a valid position").optional(),
    limit: z
      .int("Enter a whole number")
      .min(1, "At least 1 per page")
      .max(MAX_LEDGER_PAGE, `At most ${MAX_LEDGER_PAGE} per page`)
      .default(20),
  })
  .default({ limit: 20 });
export type WalletLedgerInput = z.input<typeof walletLedgerInput>;

export const ledgerEntryKinds = ["charge", "payment", "refund"] as const;
export const ledgerEntryKind = z.enum(ledgerEntryKinds);
export type LedgerEntryKind = z.infer<typeof ledgerEntryKind>;

export const ledgerEntrySchema = z.object({
  id: z.uuid(),
  /** 1, 2, 3... per wallet, in the order the changes were made. */
  seq: z.int().min(1),
  kind: ledgerEntryKind,
  /** Signed: a charge or a refund adds (> 0), a payment takes (< 0). */
  amountCents: z.int(),
  balanceAfterCents: z.int().min(0),
  /** The order a payment or refund was for; null for a charge. */
  orderId: z.uuid().nullable(),
  /**
   * The partial refund (payment.refund-part's refundId: the order's refund saga) a refund entry
   * is; null for a whole-order refund and for charges and payments. An order refunded in parts
   * has one refund entry per part. Optional for readers of older answers (absent: null).
   */
  refundId: z.uuid().nullable().optional(),
  createdAt: z.iso.datetime(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const walletBalanceSchema = z.object({
  balanceCents: z.int().min(0),
  /** The most one charge can add now: the per-charge limit, or less near the balance limit. */
  chargeableCents: z.int().min(0),
});
export type WalletBalance = z.infer<typeof walletBalanceSchema>;

export const ledgerPageSchema = z.object({
  entries: z.array(ledgerEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.int().min(1).nullable(),
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

export const chargeResultSchema = z.object({
  entry: ledgerEntrySchema,
  /** The balance now (a replayed charge answers today's balance, with the original entry). */
  balanceCents: z.int().min(0),
  /** True when this idempotency key had charged already: nothing was added this time. */
  replayed: z.boolean(),
});
export type ChargeResult = z.infer<typeof chargeResultSchema>;

// ---------------------------------------------------------------------------------------------
// Saga commands and replies (RabbitMQ; correlationId = the order id)
// ---------------------------------------------------------------------------------------------

const orderId = z.uuid("Not a valid order id");

/**
 * Command (order-service -> payment-service): take `amountCents` from the wallet of `userId` for
 * `orderId`. Replied to with `payment.paid` or `payment.failed`.
 *
 * Trust: `userId` is the user the order service took from the BFF's verified internal credential
 * when the order was placed, never a value a client supplied; payment-service acts on it as
 * given (the broker is reached by the shop's services only).
 *
 * Idempotent per orderId: the same order is debited at most once, and every pay for it is
 * answered from what was recorded the first time (see payment.failed for refunded orders).
 */
export const paymentPay = defineMessage({
  type: "payment.pay",
  version: 1,
  payload: z.object({
    orderId,
    userId: z.uuid("Not a valid user id"),
    amountCents: z.int().min(1).max(MAX_PAYMENT_CENTS),
  }),
});

/** Reply: the order is paid. `balanceAfterCents`: the wallet's balance right after this debit. */
export const paymentPaid = defineMessage({
  type: "payment.paid",
  version: 1,
  payload: z.object({
    orderId,
    amountCents: z.int().min(1),
    balanceAfterCents: z.int().min(0).optional(),
  }),
});

export const paymentFailureReasons = ["INSUFFICIENT_BALANCE", "ALREADY_REFUNDED"] as const;

/**
 * Reply: the order is not paid and nothing was debited.
 * - INSUFFICIENT_BALANCE: the wallet held less than the amount (`shortByCents` more was needed).
 *   Final for this order: a later pay for it gets the same answer, whatever the balance is then.
 * - ALREADY_REFUNDED: a refund for this order was processed first (the saga gave up on it, or the
 *   order was paid and refunded already); a pay arriving after its refund never debits.
 */
export const paymentFailed = defineMessage({
  type: "payment.failed",
  version: 1,
  payload: z.discriminatedUnion("reason", [
    z.object({
      orderId,
      reason: z.literal("INSUFFICIENT_BALANCE"),
      shortByCents: z.int().min(1),
    }),
    z.object({ orderId, reason: z.literal("ALREADY_REFUNDED") }),
  ]),
});

/**
 * Command (order-service -> payment-service), a compensation: give back what `orderId` paid.
 * Replied to with `payment.refunded`; never fails for a business reason. Idempotent per orderId:
 * credits at most once. A refund for an order this service never paid (the pay failed, or has
 * not arrived yet) credits nothing, answers amountCents 0, and records the order as refunded so
 * that a late pay for it is refused with ALREADY_REFUNDED.
 */
export const paymentRefund = defineMessage({
  type: "payment.refund",
  version: 1,
  payload: z.object({ orderId }),
});

/** Reply: `amountCents` went back to the wallet (0 when the order had not been paid). */
export const paymentRefunded = defineMessage({
  type: "payment.refunded",
  version: 1,
  payload: z.object({ orderId, amountCents: z.int().min(0) }),
});
