import { appendToOutbox, recordInbox } from "@shop/messaging";
import type { Prisma } from "../../../generated/prisma/client";
import type { Decision, SagaLogEntry, SagaState } from "../../../domain/saga";
import type {
  CreateOutcome,
  NewOrder,
  OrderFilter,
  OrderRecord,
  OrderSummaryRecord,
  SagaStore,
  SaveOptions,
  SaveOutcome,
} from "../../../application/ports";
import { commandMessage } from "../messaging/commands";
import { orderColumns, orderLinesOf } from "../saga-columns";
import type { Db } from "./client";

/*
 * The store on PostgreSQL. The saga's row is changed only by `UPDATE saga ... WHERE order_id =
 * $1 AND version = $read` (updateMany, which answers how many rows it changed): a writer that
 * read an older version changes no row, and its whole transaction (inbox record included) is
 * rolled back, so the caller re-reads and re-decides. Two writers of one saga serialize on the
 * row lock; the second's WHERE is re-checked against the row the first committed (READ
 * COMMITTED), so it sees the new version and misses. Nothing is ever read, then written back.
 */

type Tx = Prisma.TransactionClient;

class Stale extends Error {}

const sagaColumns = (s: SagaState) => ({
  version: s.version,
  status: s.status,
  step: s.step,
  deadline: s.deadline === null ? null : new Date(s.deadline),
  state: s as unknown as Prisma.InputJsonValue,
});

export interface PrismaSagaStoreOptions {
  maxWaitMs?: number;
  timeoutMs?: number;
}

export class PrismaSagaStore implements SagaStore {
  constructor(
    private readonly db: Db,
    private readonly options: PrismaSagaStoreOptions = {},
  ) {}

  private transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, {
      maxWait: this.options.maxWaitMs ?? 10_000,
      timeout: this.options.timeoutMs ?? 15_000,
    });
  }

  create(order: NewOrder, started: Decision): Promise<CreateOutcome> {
    return this.transaction(async (tx) => {
      const now = order.placedAt;
      const columns = orderColumns(started.state);
      // The unique key decides: a concurrent insert with the same key waits for this one,
      // then inserts nothing and finds it.
      const inserted = await tx.$executeRaw`
        INSERT INTO orders (id, user_id, idempotency_key, status, coupon_id, subtotal_cents,
                            discount_cents, total_cents, placed_at, updated_at)
        VALUES (${order.orderId}::uuid, ${order.userId}::uuid, ${order.idempotencyKey},
                ${columns.status}::order_status, ${order.couponId}::uuid, ${columns.subtotalCents},
                ${columns.discountCents}, ${columns.totalCents}, ${now}, ${now})
        ON CONFLICT (user_id, idempotency_key) DO NOTHING`;
      if (inserted === 0) {
        const existing = await tx.order.findUnique({
          where: {
            userId_idempotencyKey: { userId: order.userId, idempotencyKey: order.idempotencyKey },
          },
          select: { id: true },
        });
        if (!existing) throw new Error(`order ${order.idempotencyKey} vanished while placed`);
        return { kind: "existing", orderId: existing.id };
      }
      await tx.orderLine.createMany({
        data: orderLinesOf(started.state).map((l) => ({ orderId: order.orderId, ...l })),
      });
      await tx.saga.create({
        data: { orderId: order.orderId, ...sagaColumns(started.state), updatedAt: now },
      });
      await tx.cartLine.deleteMany({
        where: { userId: order.userId, productId: { in: order.lines.map((l) => l.productId) } },
      });
      await this.writeRest(tx, null, started, { now });
      return { kind: "created", orderId: order.orderId };
    });
  }

  async load(orderId: string): Promise<SagaState | null> {
    const row = await this.db.saga.findUnique({ where: { orderId }, select: { state: true } });
    return row ? (row.state as unknown as SagaState) : null;
  }

  async save(from: SagaState, decision: Decision, options: SaveOptions): Promise<SaveOutcome> {
    try {
      return await this.transaction(async (tx) => {
        if (options.reply) {
          const { alreadyProcessed } = await recordInbox(tx, options.reply);
          if (alreadyProcessed) return "duplicate";
        }
        if (decision.state === from) {
          // Nothing to write; the reply counts as processed only if the saga did not move.
          const [row] = await tx.$queryRaw<{ version: number }[]>`
            SELECT version FROM saga WHERE order_id = ${from.orderId}::uuid FOR SHARE`;
          if (row?.version !== from.version) throw new Stale();
          return "saved";
        }
        await this.update(tx, from, decision, options);
        return "saved";
      });
    } catch (e) {
      if (e instanceof Stale) return "stale";
      throw e;
    }
  }

  overdue(now: Date, limit: number, tick: (state: SagaState) => Decision): Promise<number> {
    return this.transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ state: SagaState }[]>`
        SELECT state FROM saga
         WHERE deadline <= ${now}
         ORDER BY deadline
         LIMIT ${limit}
           FOR UPDATE SKIP LOCKED`;
      let changed = 0;
      for (const { state } of rows) {
        const decision = tick(state);
        if (decision.state === state) continue;
        await this.update(tx, state, decision, { now });
        changed += 1;
      }
      return changed;
    });
  }

  async order(orderId: string): Promise<OrderRecord | null> {
    const row = await this.db.order.findUnique({
      where: { id: orderId },
      include: { lines: { orderBy: { productId: "asc" } } },
    });
    if (!row) return null;
    return {
      id: row.id,
      userId: row.userId,
      status: row.status,
      couponId: row.couponId,
      subtotalCents: row.subtotalCents,
      discountCents: row.discountCents,
      totalCents: row.totalCents,
      reasonCode: row.reasonCode,
      reasonMessage: row.reasonMessage,
      placedAt: row.placedAt,
      completedAt: row.completedAt,
      lines: row.lines.map(({ productId, quantity, unitPriceCents, name }) => ({
        productId,
        quantity,
        unitPriceCents,
        name,
      })),
    };
  }

  async orderIdByKey(userId: string, idempotencyKey: string): Promise<string | null> {
    const row = await this.db.order.findUnique({
      where: { userId_idempotencyKey: { userId, idempotencyKey } },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  async orders(filter: OrderFilter): Promise<OrderSummaryRecord[]> {
    // Served by orders_user_id_placed_at_idx or orders_status_placed_at_idx.
    const rows = await this.db.order.findMany({
      where: {
        ...(filter.userId ? { userId: filter.userId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.before ? { placedAt: { lt: filter.before } } : {}),
      },
      orderBy: [{ placedAt: "desc" }, { id: "desc" }],
      take: filter.limit,
      include: { lines: { select: { quantity: true } } },
    });
    return rows.map(({ lines, idempotencyKey: _key, updatedAt: _at, ...order }) => ({
      ...order,
      itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    }));
  }

  async log(orderId: string): Promise<SagaLogEntry[]> {
    const rows = await this.db.sagaLog.findMany({ where: { orderId }, orderBy: { id: "asc" } });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind as SagaLogEntry["kind"],
      type: r.type,
      ...(r.attempt === null ? {} : { attempt: r.attempt }),
      ...(r.messageId === null ? {} : { messageId: r.messageId }),
      ...(r.detail === null ? {} : { detail: r.detail }),
    }));
  }

  /** The conditional update of the saga's row, then the rest of the decision's rows. */
  private async update(tx: Tx, from: SagaState, decision: Decision, options: SaveOptions) {
    const next = decision.state;
    if (next.version !== from.version + 1)
      throw new Error(`saga ${next.orderId}: version ${next.version} after ${from.version}`);
    const { count } = await tx.saga.updateMany({
      where: { orderId: from.orderId, version: from.version },
      data: { ...sagaColumns(next), updatedAt: options.now },
    });
    if (count === 0) throw new Stale();
    await tx.order.update({
      where: { id: next.orderId },
      data: { ...orderColumns(next), updatedAt: options.now },
    });
    if (from.data.reservedLines === null && next.data.reservedLines !== null)
      for (const line of orderLinesOf(next))
        await tx.orderLine.update({
          where: { orderId_productId: { orderId: next.orderId, productId: line.productId } },
          data: { unitPriceCents: line.unitPriceCents, name: line.name },
        });
    await this.writeRest(tx, from, decision, options);
  }

  /** The log entries the decision added, and its commands in the outbox. */
  private async writeRest(
    tx: Tx,
    from: SagaState | null,
    decision: Decision,
    options: SaveOptions,
  ) {
    const orderId = decision.state.orderId;
    const added = decision.state.log.slice(from?.log.length ?? 0);
    if (added.length > 0)
      await tx.sagaLog.createMany({
        data: added.map((e) => ({
          orderId,
          at: new Date(e.at),
          kind: e.kind,
          type: e.type,
          attempt: e.attempt ?? null,
          messageId: e.messageId ?? null,
          detail: e.detail ?? null,
        })),
      });
    await appendToOutbox(
      tx,
      decision.commands.map((c) =>
        commandMessage(c, { now: options.now, causationId: options.reply?.messageId }),
      ),
    );
  }
}
