import type { Handled, ReceivedMessage } from "@shop/kernel";
import { MemoryTransactions } from "@shop/service-kit";
import { refusalOf, type PartRefund } from "../../../domain/part-refund";
import type { Payment, SagaReply } from "../../../domain/payment";
import type { LedgerEntry, LedgerKind } from "../../../domain/wallet";
import type {
  Credit,
  Debit,
  LedgerPageRequest,
  NewEntry,
  PaymentStore,
  PaymentTransaction,
} from "../../../application/ports";

/*
 * The store in memory, for use-case tests and the embedded shop. It keeps the PostgreSQL
 * adapter's promises by brute force: transactions run one at a time, and one that throws is
 * undone (the state is restored from a copy taken when it began). The database's last lines of
 * defence are checked too (a negative balance, an order debited twice, an order left claimed,
 * partial refunds past what was paid), so a use-case bug fails here as it would there.
 */

interface StoredEntry extends LedgerEntry {
  idempotencyKey: string | null;
}

interface State {
  wallets: Map<string, { balanceCents: number; entryCount: number }>;
  entries: StoredEntry[];
  payments: Map<string, Payment>;
  refunds: Map<string, PartRefund>;
  inbox: Set<string>;
  outbox: { to: ReceivedMessage; reply: SagaReply }[];
}

const emptyState = (): State => ({
  wallets: new Map(),
  entries: [],
  payments: new Map(),
  refunds: new Map(),
  inbox: new Set(),
  outbox: [],
});

const publicEntry = ({ idempotencyKey: _key, ...entry }: StoredEntry): LedgerEntry => ({
  ...entry,
});

export class InMemoryPaymentStore implements PaymentStore {
  private readonly state = emptyState();
  private readonly tx = new MemoryTransactions(() => [this.state]);

  /** Replies committed so far, in order: what the relay would publish. */
  get sent(): readonly { to: ReceivedMessage; reply: SagaReply }[] {
    return this.state.outbox;
  }

  get wallets(): ReadonlyMap<string, { balanceCents: number; entryCount: number }> {
    return this.state.wallets;
  }

  get payments(): ReadonlyMap<string, Payment> {
    return this.state.payments;
  }

  get refunds(): ReadonlyMap<string, PartRefund> {
    return this.state.refunds;
  }

  /** Every ledger entry of every user, oldest first. */
  get entries(): readonly LedgerEntry[] {
    return this.state.entries.map(publicEntry);
  }

  async balanceOf(userId: string): Promise<number> {
    return this.state.wallets.get(userId)?.balanceCents ?? 0;
  }

  async ledger(userId: string, page: LedgerPageRequest): Promise<LedgerEntry[]> {
    return this.state.entries
      .filter((e) => e.userId === userId && (page.before === undefined || e.seq < page.before))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, page.limit)
      .map(publicEntry);
  }

  transaction<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    return this.tx.run(() => this.run(work));
  }

  handle<R extends { reply: SagaReply }>(
    command: ReceivedMessage,
    work: (tx: PaymentTransaction) => Promise<R>,
  ): Promise<Handled<R>> {
    return this.tx.run(async (): Promise<Handled<R>> => {
      const key = `${command.consumer}\u0000${command.messageId}`;
      if (this.state.inbox.has(key)) return { duplicate: true };
      const outcome = await this.run(work);
      this.state.inbox.add(key);
      this.state.outbox.push({ to: { ...command }, reply: structuredClone(outcome.reply) });
      return { duplicate: false, ...outcome };
    });
  }

  /**
   * `work` on the state; an order or a refund id it claimed and did not settle fails it, like
   * the COMMIT.
   */
  private async run<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    const claimed = new Set<string>();
    const claimedRefunds = new Set<string>();
    const result = await work(this.transactionOn(this.state, claimed, claimedRefunds));
    if (claimed.size)
      throw new Error(`payment ${[...claimed].join(", ")} would be committed as pending`);
    if (claimedRefunds.size)
      throw new Error(`refund ${[...claimedRefunds].join(", ")} would be committed as pending`);
    return result;
  }

  private transactionOn(
    s: State,
    claimed: Set<string>,
    claimedRefunds: Set<string>,
  ): PaymentTransaction {
    const append = (
      userId: string,
      kind: LedgerKind,
      amountCents: number,
      entry: NewEntry & { orderId?: string; idempotencyKey?: string; refundId?: string },
    ): StoredEntry => {
      const wallet = s.wallets.get(userId);
      if (!wallet) throw new Error(`no wallet for ${userId}`);
      const orderId = entry.orderId ?? null;
      const refundId = entry.refundId ?? null;
      // The database's indexes: (order_id, kind) among entries without a refund id; refund_id.
      if (
        orderId &&
        !refundId &&
        s.entries.some((e) => e.orderId === orderId && e.kind === kind && !e.refundId)
      )
        throw new Error(`unique violation: order ${orderId} already has a ${kind} entry`);
      if (refundId && s.entries.some((e) => e.refundId === refundId))
        throw new Error(`unique violation: refund ${refundId} already has an entry`);
      if (refundId && kind !== "refund")
        throw new Error("check violation: ledger_entry_refund_id_is_refund");
      const balanceCents = wallet.balanceCents + amountCents;
      if (balanceCents < 0) throw new Error("check violation: wallet_balance_non_negative");
      wallet.balanceCents = balanceCents;
      wallet.entryCount += 1;
      const stored: StoredEntry = {
        id: entry.id,
        userId,
        seq: wallet.entryCount,
        kind,
        amountCents,
        balanceAfterCents: balanceCents,
        orderId,
        refundId,
        idempotencyKey: entry.idempotencyKey ?? null,
        createdAt: entry.now,
      };
      s.entries.push(stored);
      return stored;
    };

    return {
      wallets: {
        lock: async (userId) => {
          if (!s.wallets.has(userId)) s.wallets.set(userId, { balanceCents: 0, entryCount: 0 });
          return { balanceCents: s.wallets.get(userId)?.balanceCents ?? 0 };
        },
        findCharge: async (userId, key) => {
          const found = s.entries.find((e) => e.userId === userId && e.idempotencyKey === key);
          return found ? publicEntry(found) : null;
        },
        charge: async (userId, amountCents, upToCents, entry): Promise<Credit> => {
          const balanceCents = s.wallets.get(userId)?.balanceCents ?? 0;
          if (balanceCents + amountCents > upToCents) return { kind: "over-limit", balanceCents };
          return {
            kind: "credited",
            entry: publicEntry(append(userId, "charge", amountCents, entry)),
          };
        },
        refund: async (userId, amountCents, entry) =>
          publicEntry(append(userId, "refund", amountCents, entry)),
        debit: async (userId, amountCents, entry): Promise<Debit> => {
          const balanceCents = s.wallets.get(userId)?.balanceCents ?? 0;
          if (balanceCents < amountCents) return { kind: "insufficient", balanceCents };
          return {
            kind: "debited",
            entry: publicEntry(append(userId, "payment", -amountCents, entry)),
          };
        },
      },
      payments: {
        claim: async (orderId) => {
          const recorded = s.payments.get(orderId);
          if (recorded) return structuredClone(recorded);
          claimed.add(orderId);
          return null;
        },
        save: async (payment) => {
          // As the pg store's save, which never writes refunded_cents: only take() moves it.
          const before = s.payments.get(payment.orderId);
          const refundedCents =
            before && "refundedCents" in before ? before.refundedCents : undefined;
          s.payments.set(
            payment.orderId,
            refundedCents !== undefined && "refundedCents" in payment
              ? { ...structuredClone(payment), refundedCents }
              : structuredClone(payment),
          );
          claimed.delete(payment.orderId);
        },
      },
      refunds: {
        claim: async (request) => {
          const recorded = s.refunds.get(request.refundId);
          if (recorded) return structuredClone(recorded);
          claimedRefunds.add(request.refundId);
          return null;
        },
        take: async (orderId, amountCents) => {
          const payment = s.payments.get(orderId) ?? null;
          // The rule the pg store's conditional UPDATE states (domain/part-refund.ts).
          if (refusalOf(payment, amountCents) || payment?.status !== "paid")
            return { kind: "refused", payment: payment && structuredClone(payment) };
          const refundedCents = payment.refundedCents + amountCents;
          if (refundedCents > payment.amountCents)
            throw new Error("check violation: payment_refunded_within_amount");
          s.payments.set(orderId, { ...payment, refundedCents });
          return { kind: "taken", userId: payment.userId };
        },
        save: async (refund) => {
          if (!claimedRefunds.has(refund.refundId) && s.refunds.has(refund.refundId))
            throw new Error(`unique violation: refund ${refund.refundId} already recorded`);
          s.refunds.set(refund.refundId, structuredClone(refund));
          claimedRefunds.delete(refund.refundId);
        },
      },
    };
  }
}
