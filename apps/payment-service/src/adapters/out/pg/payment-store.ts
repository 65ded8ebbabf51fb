import { pgCommandRunner, queryPrepared, withTransaction } from "@shop/messaging";
import type { Clock } from "@shop/kernel";
import type pg from "pg";
import type { Prisma } from "../../../generated/prisma/client";
import { refusalOf, type PartRefund, type PartRefundRefusal } from "../../../domain/part-refund";
import type { Payment, SagaReply } from "../../../domain/payment";
import type { LedgerEntry, LedgerKind } from "../../../domain/wallet";
import type {
  Credit,
  Debit,
  LedgerPageRequest,
  PaymentStore,
  PaymentTransaction,
} from "../../../application/ports";
import { replyMessage } from "../replies";
import type { Db } from "../prisma/client";

/*
 * The store on PostgreSQL. A transaction (a saga command's or a charge's) is plain SQL on the pool
 * under Prisma (db.sql): every checkout pays here, and Prisma's per-query cost made it several
 * times dearer; the wallet page's reads keep Prisma. Every balance change is ONE statement: a conditional UPDATE of the
 * wallet row feeding the INSERT of its ledger entry (a data-modifying CTE), so the guard, the
 * change and the entry cannot be separated, and concurrent changes serialize on the row lock,
 * each seeing the balance the previous one left. The migration's CHECK constraints (balance >=
 * 0, one debit and one whole refund per order, partial refunds within what was paid, ...) are
 * the last line of defence behind it.
 */

interface EntryRow {
  id: string;
  user_id: string;
  seq: number;
  kind: LedgerKind;
  amount_cents: number;
  balance_after_cents: number;
  order_id: string | null;
  refund_id: string | null;
  created_at: Date;
}

const toEntry = (r: EntryRow): LedgerEntry => ({
  id: r.id,
  userId: r.user_id,
  seq: r.seq,
  kind: r.kind,
  amountCents: r.amount_cents,
  balanceAfterCents: r.balance_after_cents,
  orderId: r.order_id,
  refundId: r.refund_id,
  createdAt: new Date(r.created_at),
});

const fromModel = (row: Prisma.LedgerEntryGetPayload<object>): LedgerEntry => ({
  id: row.id,
  userId: row.userId,
  seq: row.seq,
  kind: row.kind,
  amountCents: row.amountCents,
  balanceAfterCents: row.balanceAfterCents,
  orderId: row.orderId,
  refundId: row.refundId,
  createdAt: row.createdAt,
});

interface PaymentRow {
  order_id: string;
  user_id: string | null;
  status: "pending" | Payment["status"];
  amount_cents: number;
  balance_after_cents: number | null;
  short_by_cents: number | null;
  refunded_cents: number;
}

function toPayment(r: PaymentRow): Payment {
  const orderId = r.order_id;
  const userId = r.user_id ?? "";
  switch (r.status) {
    case "paid":
      return {
        status: "paid",
        orderId,
        userId,
        amountCents: r.amount_cents,
        balanceAfterCents: r.balance_after_cents ?? 0,
        refundedCents: r.refunded_cents,
      };
    case "failed":
      return {
        status: "failed",
        orderId,
        userId,
        amountCents: r.amount_cents,
        shortByCents: r.short_by_cents ?? 0,
      };
    case "refunded":
      return {
        status: "refunded",
        orderId,
        userId,
        amountCents: r.amount_cents,
        refundedCents: r.refunded_cents,
      };
    case "cancelled":
      return { status: "cancelled", orderId };
    case "pending":
      // The deferred trigger refuses to commit one; seeing it means that guard is gone.
      throw new Error(`payment ${orderId} is pending outside its claiming transaction`);
  }
}

function paymentColumns(p: Payment) {
  switch (p.status) {
    case "paid":
      return {
        status: p.status,
        userId: p.userId,
        amountCents: p.amountCents,
        balanceAfterCents: p.balanceAfterCents,
        shortByCents: null,
      };
    case "failed":
      return {
        status: p.status,
        userId: p.userId,
        amountCents: p.amountCents,
        balanceAfterCents: null,
        shortByCents: p.shortByCents,
      };
    case "refunded":
      return { status: p.status, userId: p.userId, amountCents: p.amountCents, shortByCents: null };
    case "cancelled":
      return { status: p.status, userId: null, amountCents: 0, shortByCents: null };
  }
}

/** The ledger entry's columns, written by the same statement as the wallet's change. */
const ENTRY_COLUMNS = `id, user_id, seq, kind, amount_cents, balance_after_cents, order_id, refund_id,
  created_at`;

/**
 * Changes the balance by `delta` only if `guard` holds for the wallet's row (its SQL may use
 * $9 onwards, given in its `values`), and writes the entry; returns the entry, or null when the
 * guard refused (then nothing changed).
 */
async function changeBalance(
  tx: pg.ClientBase,
  guard: { sql: string; values: unknown[] },
  change: {
    userId: string;
    delta: number;
    kind: LedgerKind;
    id: string;
    orderId: string | null;
    refundId: string | null;
    idempotencyKey: string | null;
    now: Date;
  },
): Promise<LedgerEntry | null> {
  const { rows } = await queryPrepared<EntryRow>(
    tx,
    `WITH changed AS (
       UPDATE wallet
          SET balance_cents = balance_cents + $2::int,
              entry_count = entry_count + 1,
              updated_at = $7::timestamptz
        WHERE user_id = $1::uuid AND (${guard.sql})
    RETURNING user_id, balance_cents, entry_count
     )
     INSERT INTO ledger_entry (${ENTRY_COLUMNS}, idempotency_key)
     SELECT $3::uuid, user_id, entry_count, $4::ledger_kind, $2::int, balance_cents,
            $5::uuid, $8::uuid, $7::timestamptz, $6::text
       FROM changed
  RETURNING ${ENTRY_COLUMNS}`,
    [
      change.userId,
      change.delta,
      change.id,
      change.kind,
      change.orderId,
      change.idempotencyKey,
      change.now,
      change.refundId,
      ...guard.values,
    ],
  );
  const row = rows[0];
  return row ? toEntry(row) : null;
}

/**
 * The user's balance; 0 when they have no wallet. On a transaction's client (`FOR UPDATE`: and
 * the wallet's row locked until it ends) or the pool.
 */
async function balanceOn(
  tx: pg.ClientBase | pg.Pool,
  userId: string,
  lock: "" | "FOR UPDATE" = "",
): Promise<number> {
  const { rows } = await queryPrepared<{ balance_cents: number }>(
    tx,
    `SELECT balance_cents FROM wallet WHERE user_id = $1::uuid ${lock}`,
    [userId],
  );
  return rows[0]?.balance_cents ?? 0;
}

/** The order's payment row, locked until the transaction ends; null: none. */
async function paymentOn(tx: pg.ClientBase, orderId: string): Promise<PaymentRow | null> {
  const { rows } = await queryPrepared<PaymentRow>(
    tx,
    `SELECT order_id, user_id, status::text AS status, amount_cents, balance_after_cents,
            short_by_cents, refunded_cents
       FROM payment WHERE order_id = $1::uuid FOR UPDATE`,
    [orderId],
  );
  return rows[0] ?? null;
}

type OutcomeColumn = "pending" | "refunded" | "not_paid" | "exceeds_payment";

interface RefundRow {
  refund_id: string;
  order_id: string;
  amount_cents: number;
  outcome: OutcomeColumn;
  user_id: string | null;
  balance_after_cents: number | null;
  refundable_cents: number | null;
}

const REFUSAL_COLUMN = {
  NOT_PAID: "not_paid",
  EXCEEDS_PAYMENT: "exceeds_payment",
} as const satisfies Record<PartRefundRefusal, OutcomeColumn>;

function toPartRefund(r: RefundRow): PartRefund {
  const request = { orderId: r.order_id, refundId: r.refund_id, amountCents: r.amount_cents };
  switch (r.outcome) {
    case "refunded":
      return {
        ...request,
        outcome: "refunded",
        userId: r.user_id ?? "",
        balanceAfterCents: r.balance_after_cents ?? 0,
      };
    case "not_paid":
      return { ...request, outcome: "NOT_PAID", refundableCents: r.refundable_cents ?? 0 };
    case "exceeds_payment":
      return { ...request, outcome: "EXCEEDS_PAYMENT", refundableCents: r.refundable_cents ?? 0 };
    case "pending":
      // The deferred trigger refuses to commit one; seeing it means that guard is gone.
      throw new Error(`refund ${r.refund_id} is pending outside its claiming transaction`);
  }
}

function transactionOn(tx: pg.ClientBase): PaymentTransaction {
  return {
    wallets: {
      async lock(userId, now) {
        // One statement: the wallet is made if missing, and either way its row is locked (an
        // ON CONFLICT DO UPDATE locks the row it conflicts with) and its balance returned.
        const { rows } = await queryPrepared<{ balance_cents: number }>(
          tx,
          `INSERT INTO wallet (user_id, created_at, updated_at) VALUES ($1::uuid, $2, $2)
           ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id
           RETURNING balance_cents`,
          [userId, now],
        );
        return { balanceCents: rows[0]?.balance_cents ?? 0 };
      },

      async findCharge(userId, idempotencyKey) {
        const { rows } = await queryPrepared<EntryRow>(
          tx,
          `SELECT ${ENTRY_COLUMNS} FROM ledger_entry
            WHERE user_id = $1::uuid AND idempotency_key = $2`,
          [userId, idempotencyKey],
        );
        return rows[0] ? toEntry(rows[0]) : null;
      },

      async charge(userId, amountCents, upToCents, entry): Promise<Credit> {
        const guard = { sql: "balance_cents + $2::int <= $9::int", values: [upToCents] };
        const credited = await changeBalance(tx, guard, {
          userId,
          delta: amountCents,
          kind: "charge",
          id: entry.id,
          orderId: null,
          refundId: null,
          idempotencyKey: entry.idempotencyKey,
          now: entry.now,
        });
        // The guard decided; this read only says by how much, for the shopper's message.
        return credited
          ? { kind: "credited", entry: credited }
          : { kind: "over-limit", balanceCents: await balanceOn(tx, userId) };
      },

      async refund(userId, amountCents, entry) {
        const credited = await changeBalance(
          tx,
          { sql: "TRUE", values: [] },
          {
            userId,
            delta: amountCents,
            kind: "refund",
            id: entry.id,
            orderId: entry.orderId,
            refundId: entry.refundId ?? null,
            idempotencyKey: null,
            now: entry.now,
          },
        );
        if (!credited) throw new Error(`refund of ${entry.orderId}: no wallet for its payer`);
        return credited;
      },

      async debit(userId, amountCents, entry): Promise<Debit> {
        // Never below zero: the row is updated only while it holds the amount.
        const guard = { sql: "balance_cents >= $9::int", values: [amountCents] };
        for (;;) {
          const debited = await changeBalance(tx, guard, {
            userId,
            delta: -amountCents,
            kind: "payment",
            id: entry.id,
            orderId: entry.orderId,
            refundId: null,
            idempotencyKey: null,
            now: entry.now,
          });
          if (debited) return { kind: "debited", entry: debited };
          // Refused. A refused UPDATE locks nothing, so the balance that says by how much is
          // read under the row's lock: a top-up that committed since lets the debit through
          // (once locked, nothing moves, so the second try decides for good).
          const balanceCents = await balanceOn(tx, userId, "FOR UPDATE");
          if (balanceCents < amountCents) return { kind: "insufficient", balanceCents };
        }
      },
    },

    payments: {
      async claim(orderId, now) {
        // The first transaction to insert the order owns it. A concurrent one blocks on the
        // unique key until that commits, then inserts nothing and reads what it saved.
        const { rowCount } = await queryPrepared(
          tx,
          `INSERT INTO payment (order_id, status, created_at, updated_at)
           VALUES ($1::uuid, 'pending', $2, $2)
           ON CONFLICT (order_id) DO NOTHING`,
          [orderId, now],
        );
        if (rowCount === 1) return null;
        const row = await paymentOn(tx, orderId);
        if (!row) throw new Error(`payment ${orderId} vanished while being claimed`);
        return toPayment(row);
      },

      async save(payment, now) {
        const c = paymentColumns(payment);
        // A refund or a cancellation keeps the balance the payment left (or had none).
        const keepsBalance = !("balanceAfterCents" in c);
        await queryPrepared(
          tx,
          `UPDATE payment SET status = $2::payment_status, user_id = $3::uuid, amount_cents = $4,
                  short_by_cents = $5,
                  balance_after_cents = CASE WHEN $6 THEN balance_after_cents ELSE $7 END,
                  updated_at = $8
            WHERE order_id = $1::uuid`,
          [
            payment.orderId,
            c.status,
            c.userId,
            c.amountCents,
            c.shortByCents,
            keepsBalance,
            keepsBalance ? null : c.balanceAfterCents,
            now,
          ],
        );
      },
    },

    refunds: {
      async claim(request, now) {
        // As a payment's claim: the first transaction to insert the refund id owns it; a
        // concurrent one blocks on the primary key until that commits, then reads its answer.
        const { rowCount } = await queryPrepared(
          tx,
          `INSERT INTO payment_refund (refund_id, order_id, amount_cents, outcome, created_at,
                                       updated_at)
           VALUES ($1::uuid, $2::uuid, $3::int, 'pending', $4, $4)
           ON CONFLICT (refund_id) DO NOTHING`,
          [request.refundId, request.orderId, request.amountCents, now],
        );
        if (rowCount === 1) return null;
        const { rows } = await queryPrepared<RefundRow>(
          tx,
          `SELECT refund_id, order_id, amount_cents, outcome::text AS outcome, user_id,
                  balance_after_cents, refundable_cents
             FROM payment_refund WHERE refund_id = $1::uuid`,
          [request.refundId],
        );
        const row = rows[0];
        if (!row) throw new Error(`refund ${request.refundId} vanished while being claimed`);
        return toPartRefund(row);
      },

      async take(orderId, amountCents, now) {
        // THE guard: one statement raises what the payment gave back only while it is paid and
        // the sum stays within what it paid. Concurrent refunds of the order serialize on the
        // row's lock, each re-checking the condition against what the previous one left.
        for (;;) {
          const { rows } = await queryPrepared<{ user_id: string }>(
            tx,
            `UPDATE payment
                SET refunded_cents = refunded_cents + $2::int, updated_at = $3
              WHERE order_id = $1::uuid AND status = 'paid'
                AND refunded_cents + $2::int <= amount_cents
          RETURNING user_id`,
            [orderId, amountCents, now],
          );
          const taken = rows[0];
          if (taken) return { kind: "taken", userId: taken.user_id };
          // Refused. A refused UPDATE locks nothing, so why is read under the row's lock: a pay
          // that committed since (the refund overtook it) lets it through on a second try, once
          // locked (then nothing moves: the second try decides for good).
          const row = await paymentOn(tx, orderId);
          const payment = row ? toPayment(row) : null;
          if (refusalOf(payment, amountCents)) return { kind: "refused", payment };
        }
      },

      async save(refund, now) {
        const refundedOnes = refund.outcome === "refunded";
        await queryPrepared(
          tx,
          `UPDATE payment_refund SET outcome = $2::part_refund_outcome, user_id = $3::uuid,
                  balance_after_cents = $4, refundable_cents = $5, updated_at = $6
            WHERE refund_id = $1::uuid`,
          [
            refund.refundId,
            refundedOnes ? "refunded" : REFUSAL_COLUMN[refund.outcome],
            refundedOnes ? refund.userId : null,
            refundedOnes ? refund.balanceAfterCents : null,
            refundedOnes ? null : refund.refundableCents,
            now,
          ],
        );
      },
    },
  };
}

export class PgPaymentStore implements PaymentStore {
  constructor(
    private readonly db: Db,
    clock: Clock,
  ) {
    // A pay left pending fails the COMMIT (the deferred trigger), like in transaction().
    const commands = pgCommandRunner<PaymentTransaction, SagaReply>(db.sql, clock, {
      storeOn: (client) => transactionOn(client),
      replyMessage,
    });
    this.handle = commands.handle;
  }

  /** A saga command: @shop/messaging's one shape (inbox, the change, the reply in the outbox). */
  readonly handle: PaymentStore["handle"];

  transaction<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    // The "decided at commit" trigger is deferred: an order left pending fails the COMMIT,
    // which rolls everything back like any other error.
    return withTransaction(this.db.sql, (client) => work(transactionOn(client)));
  }

  balanceOf(userId: string): Promise<number> {
    return balanceOn(this.db.sql, userId);
  }

  async ledger(userId: string, page: LedgerPageRequest): Promise<LedgerEntry[]> {
    const rows = await this.db.ledgerEntry.findMany({
      where: { userId, ...(page.before === undefined ? {} : { seq: { lt: page.before } }) },
      orderBy: { seq: "desc" },
      take: page.limit,
    });
    return rows.map(fromModel);
  }
}
