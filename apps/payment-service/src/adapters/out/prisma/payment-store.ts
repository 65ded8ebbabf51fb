import { appendToOutbox, recordInbox } from "@shop/messaging";
import type { Prisma } from "../../../generated/prisma/client";
import type { Payment } from "../../../domain/payment";
import type { LedgerEntry, LedgerKind } from "../../../domain/wallet";
import type {
  Credit,
  Debit,
  LedgerPageRequest,
  PaymentStore,
  PaymentTransaction,
} from "../../../application/ports";
import { replyMessage } from "../messaging/replies";
import type { Db } from "./client";

/*
 * The store on PostgreSQL. Every balance change is ONE statement: a conditional UPDATE of the
 * wallet row feeding the INSERT of its ledger entry (a data-modifying CTE), so the guard, the
 * change and the entry cannot be separated, and concurrent changes serialize on the row lock,
 * each seeing the balance the previous one left. The migration's CHECK constraints (balance >=
 * 0, one debit and one refund per order, ...) are the last line of defence behind it.
 */

type Tx = Prisma.TransactionClient;

interface EntryRow {
  id: string;
  user_id: string;
  seq: number;
  kind: LedgerKind;
  amount_cents: number;
  balance_after_cents: number;
  order_id: string | null;
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
  createdAt: row.createdAt,
});

interface PaymentRow {
  order_id: string;
  user_id: string | null;
  status: "pending" | Payment["status"];
  amount_cents: number;
  balance_after_cents: number | null;
  short_by_cents: number | null;
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
      return { status: "refunded", orderId, userId, amountCents: r.amount_cents };
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
const ENTRY_COLUMNS = `id, user_id, seq, kind, amount_cents, balance_after_cents, order_id, created_at`;

/**
 * Changes the balance by `delta` only if `guard` holds for the wallet's row (its SQL may use
 * $8 onwards, given in its `values`), and writes the entry; returns the entry, or null when the
 * guard refused (then nothing changed).
 */
async function changeBalance(
  tx: Tx,
  guard: { sql: string; values: unknown[] },
  change: {
    userId: string;
    delta: number;
    kind: LedgerKind;
    id: string;
    orderId: string | null;
    idempotencyKey: string | null;
    now: Date;
  },
): Promise<LedgerEntry | null> {
  const rows = await tx.$queryRawUnsafe<EntryRow[]>(
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
            $5::uuid, $7::timestamptz, $6::text
       FROM changed
  RETURNING ${ENTRY_COLUMNS}`,
    change.userId,
    change.delta,
    change.id,
    change.kind,
    change.orderId,
    change.idempotencyKey,
    change.now,
    ...guard.values,
  );
  const row = rows[0];
  return row ? toEntry(row) : null;
}

async function balanceIn(tx: Tx | Db, userId: string): Promise<number> {
  const wallet = await tx.wallet.findUnique({ where: { userId }, select: { balanceCents: true } });
  return wallet?.balanceCents ?? 0;
}

function transactionOn(tx: Tx, claims: { pending: boolean }): PaymentTransaction {
  return {
    wallets: {
      async lock(userId, now) {
        await tx.$executeRaw`INSERT INTO wallet (user_id, created_at, updated_at)
          VALUES (${userId}::uuid, ${now}::timestamptz, ${now}::timestamptz)
          ON CONFLICT (user_id) DO NOTHING`;
        const [row] = await tx.$queryRaw<{ balance_cents: number }[]>`
          SELECT balance_cents FROM wallet WHERE user_id = ${userId}::uuid FOR UPDATE`;
        return { balanceCents: row?.balance_cents ?? 0 };
      },

      async findCharge(userId, idempotencyKey) {
        const row = await tx.ledgerEntry.findUnique({
          where: { userId_idempotencyKey: { userId, idempotencyKey } },
        });
        return row && fromModel(row);
      },

      async charge(userId, amountCents, upToCents, entry): Promise<Credit> {
        const guard = { sql: "balance_cents + $2::int <= $8::int", values: [upToCents] };
        const credited = await changeBalance(tx, guard, {
          userId,
          delta: amountCents,
          kind: "charge",
          id: entry.id,
          orderId: null,
          idempotencyKey: entry.idempotencyKey,
          now: entry.now,
        });
        // The guard decided; this read only says by how much, for the shopper's message.
        return credited
          ? { kind: "credited", entry: credited }
          : { kind: "over-limit", balanceCents: await balanceIn(tx, userId) };
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
            idempotencyKey: null,
            now: entry.now,
          },
        );
        if (!credited) throw new Error(`refund of ${entry.orderId}: no wallet for its payer`);
        return credited;
      },

      async debit(userId, amountCents, entry): Promise<Debit> {
        // Never below zero: the row is updated only while it holds the amount.
        const guard = { sql: "balance_cents >= $8::int", values: [amountCents] };
        const debited = await changeBalance(tx, guard, {
          userId,
          delta: -amountCents,
          kind: "payment",
          id: entry.id,
          orderId: entry.orderId,
          idempotencyKey: null,
          now: entry.now,
        });
        return debited
          ? { kind: "debited", entry: debited }
          : { kind: "insufficient", balanceCents: await balanceIn(tx, userId) };
      },
    },

    payments: {
      async claim(orderId, now) {
        // The first transaction to insert the order owns it. A concurrent one blocks on the
        // unique key until that commits, then inserts nothing and reads what it saved.
        const inserted = await tx.$executeRaw`
          INSERT INTO payment (order_id, status, created_at, updated_at)
          VALUES (${orderId}::uuid, 'pending', ${now}::timestamptz, ${now}::timestamptz)
          ON CONFLICT (order_id) DO NOTHING`;
        if (inserted === 1) {
          claims.pending = true;
          return null;
        }
        const [row] = await tx.$queryRaw<PaymentRow[]>`
          SELECT order_id, user_id, status::text AS status, amount_cents, balance_after_cents,
                 short_by_cents
            FROM payment WHERE order_id = ${orderId}::uuid FOR UPDATE`;
        if (!row) throw new Error(`payment ${orderId} vanished while being claimed`);
        return toPayment(row);
      },

      async save(payment, now) {
        await tx.payment.update({
          where: { orderId: payment.orderId },
          data: { ...paymentColumns(payment), updatedAt: now },
        });
      },
    },

    inbox: {
      async record(command) {
        const { alreadyProcessed } = await recordInbox(tx, {
          consumer: command.consumer,
          messageId: command.messageId,
        });
        return alreadyProcessed ? "duplicate" : "first";
      },
    },

    outbox: {
      async reply(to, reply, now) {
        await appendToOutbox(tx, [replyMessage(to, reply, now)]);
      },
    },
  };
}

export interface PrismaPaymentStoreOptions {
  /** How long a transaction may wait for a pooled connection (a burst of commands). */
  maxWaitMs?: number;
  /** How long one transaction may run before Prisma rolls it back. */
  timeoutMs?: number;
}

export class PrismaPaymentStore implements PaymentStore {
  constructor(
    private readonly db: Db,
    private readonly options: PrismaPaymentStoreOptions = {},
  ) {}

  transaction<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    return this.db.$transaction(
      async (tx) => {
        const claims = { pending: false };
        const result = await work(transactionOn(tx, claims));
        // The "decided at commit" trigger is deferred; run it now, as a statement, so an order left
        // pending fails here and the transaction rolls back like any other error. (Left to COMMIT,
        // the failure would be right too, but Prisma 6.19's pg adapter then never returns the
        // connection to its pool.)
        if (claims.pending)
          await tx.$executeRawUnsafe(`SET CONSTRAINTS "payment_decided_at_commit" IMMEDIATE`);
        return result;
      },
      {
        maxWait: this.options.maxWaitMs ?? 10_000,
        timeout: this.options.timeoutMs ?? 15_000,
      },
    );
  }

  balanceOf(userId: string): Promise<number> {
    return balanceIn(this.db, userId);
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
