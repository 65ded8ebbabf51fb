import {
  inboxInsert,
  isInboxDuplicate,
  outboxInsert,
  outboxJson,
  outboxNotify,
  prepared,
  withTransaction,
  type PreparedStatement,
} from "@shop/messaging";
import { inSaga } from "@shop/service-kit/trace-context";
import type pg from "pg";
import type { Decision, SagaLogEntry, SagaState } from "../../../domain/saga";
import type {
  CreateOutcome,
  NewOrder,
  OrderFilter,
  OrderRecord,
  OrderStateRecord,
  OrderSummaryRecord,
  RunningSaga,
  SagaStore,
  SaveOptions,
  SaveOutcome,
} from "../../../application/ports";
import { decisionMessages } from "../messaging/commands";
import { orderLinesOf, refundedQuantities } from "../../../domain/saga";
import { orderColumns } from "../saga-columns";
import type { Db } from "../prisma/client";
import { findOrders } from "../prisma/order-list-query";

/*
 * The store on PostgreSQL. The saga's row is changed only by `UPDATE saga ... WHERE order_id =
 * $1 AND version = $read`, and every other row of the decision (inbox record, order columns,
 * log, outbox) is written by the same statement only from that update's RETURNING: a writer that
 * read an older version changes no row at all, so the caller re-reads and re-decides. Two
 * writers of one saga serialize on the row lock; the second's WHERE is re-checked against the
 * row the first committed (READ COMMITTED), so it sees the new version and misses. Nothing is
 * ever read, then written back.
 */

/** One statement: the saga's conditional update and, only if it matched, the rest. */
// The partial index saga_running keeps this a read of the running sagas only, however many
// have finished.
const RUNNING = prepared(`SELECT s.order_id, s.status, s.step, s.deadline, s.updated_at,
  o.placed_at, count(*) OVER ()::int AS total
FROM saga s JOIN orders o ON o.id = s.order_id
WHERE s.status NOT IN ('COMPLETED', 'CANCELLED', 'SHIPPED', 'DELIVERED') OR s.deadline IS NOT NULL
ORDER BY o.placed_at, s.order_id LIMIT $1`);

const SAVE = prepared(`WITH s AS (
  UPDATE saga SET version = $3, status = $4::order_status, step = $5, deadline = $6,
                  state = $7::jsonb, updated_at = $8
   WHERE order_id = $1::uuid AND version = $2
  RETURNING order_id
), i AS (
  ${inboxInsert("$9", "$10", "s WHERE $9::text IS NOT NULL")}
), o AS (
  UPDATE orders SET status = $4::order_status, subtotal_cents = $11, discount_cents = $12,
                    total_cents = $13, reason_code = $14, reason_message = $15,
                    completed_at = $16, updated_at = $8, refunded_cents = $20,
                    refunding_cents = $21, carrier = $22, tracking = $23, shipped_at = $24,
                    delivered_at = $25
    FROM s WHERE orders.id = s.order_id
), r AS (
  UPDATE order_lines SET refunded_quantity = x.quantity
    FROM s, jsonb_to_recordset($26::jsonb) AS x(product_id uuid, quantity int)
   WHERE order_lines.order_id = s.order_id AND order_lines.product_id = x.product_id
), l AS (
  UPDATE order_lines SET unit_price_cents = x.unit_price_cents, name = x.name
    FROM s, jsonb_to_recordset($17::jsonb) AS x(product_id uuid, unit_price_cents int, name text)
   WHERE order_lines.order_id = s.order_id AND order_lines.product_id = x.product_id
), g AS (${logInsert("$18", "s")}
), ob AS (${outboxInsert("$19", "s")})
SELECT (SELECT count(*) FROM s)::int AS saved, ${outboxNotify("ob")} AS notified,
       ${seen("$9", "$10")} AS seen`);

/** A decision that changed nothing: the reply counts as processed only if the saga did not move. */
const UNCHANGED = prepared(`WITH i AS (
  ${inboxInsert("$3", "$4", "saga WHERE order_id = $1::uuid AND version = $2 FOR SHARE")}
  RETURNING 1
)
SELECT (SELECT count(*) FROM i)::int AS saved, ${seen("$3", "$4")} AS seen`);
const UNCHANGED_NO_REPLY = prepared(`SELECT 1 AS saved, false AS seen
  FROM saga WHERE order_id = $1::uuid AND version = $2 FOR SHARE`);
const OVERDUE = prepared(`SELECT state FROM saga WHERE deadline <= $1 ORDER BY deadline LIMIT $2
  FOR UPDATE SKIP LOCKED`);
const WAITING_SINCE = prepared(`SELECT state FROM saga
 WHERE deadline IS NOT NULL AND updated_at < $1 ORDER BY deadline LIMIT $2
   FOR UPDATE SKIP LOCKED`);
const LOAD = prepared("SELECT state FROM saga WHERE order_id = $1::uuid");
const STATES = prepared(`SELECT id, status, updated_at FROM orders WHERE id = ANY($1::uuid[])`);
const ORDER_BY_KEY = prepared(
  "SELECT id FROM orders WHERE user_id = $1::uuid AND idempotency_key = $2",
);

/**
 * Whether an earlier, committed transaction processed the message: a redelivery that also read
 * a stale version is answered "duplicate" at once, not re-read and re-decided first.
 */
function seen(consumer: string, messageId: string) {
  return `EXISTS (SELECT 1 FROM inbox WHERE consumer = ${consumer} AND message_id = ${messageId}::uuid)`;
}

/**
 * The order, its lines, its saga, its first log entries and commands. From the cart ($15 not
 * null): only if the cart is still at version $15, which moves on, and then the cart's lines go
 * (the version says they are the lines the order holds). The cart's row lock orders this against
 * every cart change, which takes the same lock first (cart-store.ts): no deadlock on the lines.
 */
const CREATE = prepared(`WITH cv AS (
  UPDATE carts SET version = version + 1, updated_at = $9
   WHERE user_id = $2::uuid AND version = $15::int
  RETURNING user_id
), o AS (
  INSERT INTO orders (id, user_id, idempotency_key, cart_version, status, coupon_id,
                      subtotal_cents, discount_cents, total_cents, placed_at, updated_at, trace_id)
  SELECT $1::uuid, $2::uuid, $3, $15::int, $4::order_status, $5::uuid, $6, $7, $8, $9, $9, $18
   WHERE $15::int IS NULL OR EXISTS (SELECT 1 FROM cv)
  ON CONFLICT DO NOTHING
  RETURNING id
), l AS (
  INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents, name)
  SELECT o.id, x.product_id, x.quantity, x.unit_price_cents, x.name
    FROM o, jsonb_to_recordset($10::jsonb)
         AS x(product_id uuid, quantity int, unit_price_cents int, name text)
), s AS (
  INSERT INTO saga (order_id, version, status, step, deadline, state, updated_at)
  SELECT o.id, $11, $4::order_status, $12, $13, $14::jsonb, $9 FROM o
  RETURNING order_id
), c AS (
  DELETE FROM cart_lines WHERE user_id = $2::uuid AND $15::int IS NOT NULL
     AND EXISTS (SELECT 1 FROM o)
), g AS (${logInsert("$16", "s")}
), ob AS (${outboxInsert("$17", "s")})
SELECT (SELECT count(*) FROM o)::int AS created, ${outboxNotify("ob")} AS notified`);

/**
 * Who took the place of an order that was not written: the order with its key, else the order
 * placed from the same cart version (by another key).
 */
const ORDER_IN_PLACE = prepared(`SELECT id FROM orders
 WHERE user_id = $1::uuid AND (idempotency_key = $2 OR cart_version = $3::int)
 ORDER BY idempotency_key = $2 DESC LIMIT 1`);
const ORDER_FROM_CART = prepared(`SELECT id AS "orderId", placed_at AS "placedAt" FROM orders
 WHERE user_id = $1::uuid AND cart_version = $2::int`);

/** The log entries of a jsonb array, in their order, for the saga of `from`. */
function logInsert(param: string, from: string) {
  return `INSERT INTO saga_log (order_id, at, kind, type, attempt, message_id, detail, refund_id)
  SELECT ${from}.order_id, (e->>'at')::timestamptz, e->>'kind', e->>'type', (e->>'attempt')::int,
         (e->>'messageId')::uuid, e->>'detail', (e->>'refundId')::uuid
    FROM ${from}, jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS x(e, n)
   ORDER BY x.n`;
}

interface Saved {
  saved: number;
  seen: boolean;
}

const outcome = (row: Saved | undefined): SaveOutcome =>
  row?.saved === 1 ? "saved" : row?.seen ? "duplicate" : "stale";

const deadlineOf = (s: SagaState) => (s.deadline === null ? null : new Date(s.deadline));

/*
 * The saga's writes (create, save, overdue) and the lookups the checkout makes are plain SQL on
 * the pool under Prisma (db.sql), each write ONE statement (@shop/messaging's one-statement
 * parts): a checkout's replies are the busiest path of the shop. The pages' reads use Prisma.
 */
export class PgSagaStore implements SagaStore {
  constructor(private readonly db: Db) {}

  /**
   * The saga's id is known from here on (the order's): the request's span gets it, and the
   * spans of the statements and of the first command (its trace context, in the outbox) too.
   */
  create(order: NewOrder, started: Decision): Promise<CreateOutcome> {
    return inSaga(order.orderId, () => this.createOrder(order, started));
  }

  private async createOrder(order: NewOrder, started: Decision): Promise<CreateOutcome> {
    const columns = orderColumns(started.state);
    const state = started.state;
    const sent = decisionMessages(started, state.log, { now: order.placedAt });
    const { rows } = await this.db.sql.query<{ created: number }>({
      ...CREATE,
      values: [
        order.orderId,
        order.userId,
        order.idempotencyKey,
        columns.status,
        order.couponId,
        columns.subtotalCents,
        columns.discountCents,
        columns.totalCents,
        order.placedAt,
        JSON.stringify(orderLinesOf(state).map(lineRow)),
        state.version,
        state.step,
        deadlineOf(state),
        JSON.stringify(state),
        order.cartVersion,
        JSON.stringify(sent.log),
        outboxJson(sent.messages),
        order.traceId ?? null,
      ],
    });
    if (rows[0]?.created === 1) return { kind: "created", orderId: order.orderId };
    // A unique key, or the cart's version, decided: a concurrent writer was waited for.
    const { rows: found } = await this.db.sql.query<{ id: string }>({
      ...ORDER_IN_PLACE,
      values: [order.userId, order.idempotencyKey, order.cartVersion],
    });
    const existing = found[0]?.id;
    if (existing !== undefined) return { kind: "existing", orderId: existing };
    if (order.cartVersion !== null) return { kind: "cart_changed" };
    throw new Error(`order ${order.idempotencyKey} vanished while placed`);
  }

  async orderFromCart(
    userId: string,
    cartVersion: number,
  ): Promise<{ orderId: string; placedAt: Date } | null> {
    const { rows } = await this.db.sql.query<{ orderId: string; placedAt: Date }>({
      ...ORDER_FROM_CART,
      values: [userId, cartVersion],
    });
    return rows[0] ?? null;
  }

  async load(orderId: string): Promise<SagaState | null> {
    const { rows } = await this.db.sql.query<{ state: SagaState }>({
      ...LOAD,
      values: [orderId],
    });
    return rows[0]?.state ?? null;
  }

  async save(from: SagaState, decision: Decision, options: SaveOptions): Promise<SaveOutcome> {
    try {
      if (decision.state === from) {
        const { rows } = options.reply
          ? await this.db.sql.query<Saved>({
              ...UNCHANGED,
              values: [from.orderId, from.version, options.reply.consumer, options.reply.messageId],
            })
          : await this.db.sql.query<Saved>({
              ...UNCHANGED_NO_REPLY,
              values: [from.orderId, from.version],
            });
        return outcome(rows[0]);
      }
      return outcome(await this.update(this.db.sql, from, decision, options));
    } catch (e) {
      if (isInboxDuplicate(e)) return "duplicate";
      throw e;
    }
  }

  overdue(now: Date, limit: number, tick: (state: SagaState) => Decision): Promise<number> {
    return this.tickLocked(OVERDUE, [now, limit], now, tick);
  }

  waitingSince(
    before: Date,
    now: Date,
    limit: number,
    tick: (state: SagaState) => Decision,
  ): Promise<number> {
    return this.tickLocked(WAITING_SINCE, [before, limit], now, tick);
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
      traceId: row.traceId,
      refundedCents: row.refundedCents,
      lines: row.lines.map(({ productId, quantity, unitPriceCents, name }) => ({
        productId,
        quantity,
        unitPriceCents,
        name,
      })),
    };
  }

  async orderIdByKey(userId: string, idempotencyKey: string): Promise<string | null> {
    const { rows } = await this.db.sql.query<{ id: string }>({
      ...ORDER_BY_KEY,
      values: [userId, idempotencyKey],
    });
    return rows[0]?.id ?? null;
  }

  async orders(filter: OrderFilter): Promise<OrderSummaryRecord[]> {
    return findOrders(this.db, filter);
  }

  async running(limit: number): Promise<{ total: number; sagas: RunningSaga[] }> {
    const { rows } = await this.db.sql.query<{
      order_id: string;
      status: RunningSaga["status"];
      step: RunningSaga["step"];
      deadline: Date | null;
      placed_at: Date;
      updated_at: Date;
      total: number;
    }>({ ...RUNNING, values: [limit] });
    return {
      total: rows[0]?.total ?? 0,
      sagas: rows.map((r) => ({
        orderId: r.order_id,
        status: r.status,
        step: r.step,
        deadline: r.deadline,
        placedAt: r.placed_at,
        updatedAt: r.updated_at,
      })),
    };
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
      ...(r.refundId === null ? {} : { refundId: r.refundId }),
    }));
  }

  async states(orderIds: readonly string[]): Promise<OrderStateRecord[]> {
    if (orderIds.length === 0) return [];
    const { rows } = await this.db.sql.query<{
      id: string;
      status: OrderStateRecord["status"];
      updated_at: Date;
    }>({ ...STATES, values: [orderIds] });
    return rows.map((r) => ({ id: r.id, status: r.status, updatedAt: r.updated_at }));
  }

  /**
   * The decision's rows in one statement, over the version it was decided from; false when the
   * saga had moved on (nothing written). The lines get their prices once stock.reserved came.
   */
  private async update(
    db: Pick<pg.ClientBase, "query">,
    from: SagaState,
    decision: Decision,
    options: SaveOptions,
  ): Promise<Saved | undefined> {
    const next = decision.state;
    if (next.version !== from.version + 1)
      throw new Error(`saga ${next.orderId}: version ${next.version} after ${from.version}`);
    const columns = orderColumns(next);
    const priced = from.data.reservedLines === null && next.data.reservedLines !== null;
    const returned = JSON.stringify(from.returns ?? []) !== JSON.stringify(next.returns ?? []);
    const sent = decisionMessages(decision, next.log.slice(from.log.length), {
      now: options.now,
      causationId: options.reply?.messageId,
    });
    const { rows } = await db.query<Saved>({
      ...SAVE,
      values: [
        from.orderId,
        from.version,
        next.version,
        next.status,
        next.step,
        deadlineOf(next),
        JSON.stringify(next),
        options.now,
        options.reply?.consumer ?? null,
        options.reply?.messageId ?? null,
        columns.subtotalCents,
        columns.discountCents,
        columns.totalCents,
        columns.reasonCode,
        columns.reasonMessage,
        columns.completedAt,
        JSON.stringify(priced ? orderLinesOf(next).map(lineRow) : []),
        JSON.stringify(sent.log),
        outboxJson(sent.messages),
        columns.refundedCents,
        columns.refundingCents,
        columns.carrier,
        columns.tracking,
        columns.shippedAt,
        columns.deliveredAt,
        JSON.stringify(returned ? refundedQuantities(next).map(quantityRow) : []),
      ],
    });
    return rows[0];
  }

  /** The sagas `select` locks (FOR UPDATE SKIP LOCKED), each ticked and saved in its transaction. */
  private tickLocked(
    select: PreparedStatement,
    values: unknown[],
    now: Date,
    tick: (state: SagaState) => Decision,
  ): Promise<number> {
    return withTransaction(this.db.sql, async (client) => {
      const { rows } = await client.query<{ state: SagaState }>({ ...select, values });
      let changed = 0;
      for (const { state } of rows) {
        const decision = tick(state);
        if (decision.state === state) continue;
        // The row is locked by this transaction: the version cannot have moved.
        if ((await this.update(client, state, decision, { now }))?.saved !== 1)
          throw new Error(`saga ${state.orderId} moved while locked`);
        changed += 1;
      }
      return changed;
    });
  }
}

const quantityRow = (l: { productId: string; quantity: number }) => ({
  product_id: l.productId,
  quantity: l.quantity,
});

const lineRow = (l: OrderRecord["lines"][number]) => ({
  product_id: l.productId,
  quantity: l.quantity,
  unit_price_cents: l.unitPriceCents,
  name: l.name,
});
