import type { Clock, CommandRunner, Handled, IdGenerator } from "@shop/kernel";
import type { PartRefund, PartRefundRequest } from "../domain/part-refund";
import type { Payment, SagaReply } from "../domain/payment";
import type { LedgerEntry } from "../domain/wallet";

/*
 * What the use cases need from the outside. A store keeps the wallet's invariants itself: each
 * balance change is one guarded statement (a conditional UPDATE) in the same transaction as its
 * ledger entry, so no use case ever reads a balance, decides, and writes it back.
 */

/** A ledger entry about to be written: its id, and what it refers to. */
export interface NewEntry {
  id: string;
  now: Date;
}

export type Debit =
  { kind: "debited"; entry: LedgerEntry } | { kind: "insufficient"; balanceCents: number };

export type Credit =
  { kind: "credited"; entry: LedgerEntry } | { kind: "over-limit"; balanceCents: number };

/** Balance changes. Each writes its ledger entry in the same statement's transaction. */
export interface WalletWrites {
  /**
   * Opens the user's wallet (balance 0 when it is new) and locks it until the transaction ends,
   * so the charges of one user are serialized from here: two requests with one idempotency key
   * cannot both miss each other. Returns the balance.
   */
  lock(userId: string, now: Date): Promise<{ balanceCents: number }>;
  /** The charge this idempotency key made for this user, if any. */
  findCharge(userId: string, idempotencyKey: string): Promise<LedgerEntry | null>;
  /**
   * A charge: balance += amount, only if the new balance stays at most `upToCents` (checked in
   * the same statement); "over-limit" changes nothing. The wallet exists (lock()).
   */
  charge(
    userId: string,
    amountCents: number,
    upToCents: number,
    entry: NewEntry & { idempotencyKey: string },
  ): Promise<Credit>;
  /**
   * A refund of an order: balance += amount, whatever the balance (a compensation never fails
   * for a business reason). The wallet exists: the order was paid from it. With a `refundId`
   * it is that partial refund's entry (one per refund id); without, the order's whole refund
   * (one per order).
   */
  refund(
    userId: string,
    amountCents: number,
    entry: NewEntry & { orderId: string; refundId?: string },
  ): Promise<LedgerEntry>;
  /**
   * A payment of an order: balance -= amount only if balance >= amount, as one conditional
   * statement, so concurrent payments can never take the balance below zero; "insufficient"
   * changes nothing (no wallet reads as balance 0).
   */
  debit(userId: string, amountCents: number, entry: NewEntry & { orderId: string }): Promise<Debit>;
}

/** The one record per order that makes pay and refund idempotent (domain/payment.ts). */
export interface PaymentWrites {
  /**
   * The payment recorded for the order, locked until the transaction ends; or null when there
   * is none yet, in which case the order is now claimed by this transaction: another
   * transaction claiming it waits until this one ends and then gets what it saved. A claim that
   * returns null must be followed by save() in the same transaction (the store refuses to
   * commit an undecided order).
   */
  claim(orderId: string, now: Date): Promise<Payment | null>;
  save(payment: Payment, now: Date): Promise<void>;
}

/** What the guarded statement of a partial refund did to the order's payment. */
export type RefundTake =
  /** refunded_cents rose by the amount; the money goes back to `userId` (the payer). */
  | { kind: "taken"; userId: string }
  /** Nothing changed; `payment` is the order's payment as it is (locked), null: none. */
  | { kind: "refused"; payment: Payment | null };

/** The one record per refund id that makes refund-part idempotent (domain/part-refund.ts). */
export interface PartRefundWrites {
  /**
   * The refund recorded under this id, or null when there is none yet: then the id is claimed
   * by this transaction (another transaction claiming it waits until this one ends, then gets
   * what it saved). A claim that returns null must be followed by save() in the same
   * transaction (the store refuses to commit an undecided refund).
   */
  claim(request: PartRefundRequest, now: Date): Promise<PartRefund | null>;
  /**
   * Takes `amountCents` off what the order's payment can still give back, only if it is paid
   * and its partial refunds stay at most what it paid (domain/part-refund.ts refusalOf), checked
   * in the same statement as the change: concurrent refunds of one order can never together
   * pass what it paid. "refused" changes nothing and says why from the payment it then read.
   */
  take(orderId: string, amountCents: number, now: Date): Promise<RefundTake>;
  save(refund: PartRefund, now: Date): Promise<void>;
}

/** Everything a transaction can do; all of it commits together, or none of it. */
export interface PaymentTransaction {
  wallets: WalletWrites;
  payments: PaymentWrites;
  refunds: PartRefundWrites;
}

export interface LedgerPageRequest {
  /** Only entries with a seq below this (the previous page's last); none: the newest. */
  before?: number | undefined;
  limit: number;
}

/**
 * A saga command's outcome: a redelivery the inbox caught, or the reply it was answered with,
 * whether it was answered from the order's record, and whether it asked for another user or
 * amount than the record (logged).
 */
export type CommandOutcome<R> = Handled<{ reply: R; replayed: boolean; conflicting: boolean }>;

/**
 * The wallet. Its saga commands (handle) are @shop/kernel's CommandRunner: inbox record, the
 * transaction's work and the reply in the outbox, one transaction.
 */
export interface PaymentStore extends CommandRunner<PaymentTransaction, SagaReply> {
  /**
   * Runs `work` in one database transaction (a charge): its changes commit together when it
   * resolves, and none of them when it throws.
   */
  transaction<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T>;
  /** The user's balance; 0 when they have no wallet. */
  balanceOf(userId: string): Promise<number>;
  /** The user's ledger entries, newest (highest seq) first. */
  ledger(userId: string, page: LedgerPageRequest): Promise<LedgerEntry[]>;
}

export interface PaymentDeps {
  store: PaymentStore;
  clock: Clock;
  ids: IdGenerator;
}
