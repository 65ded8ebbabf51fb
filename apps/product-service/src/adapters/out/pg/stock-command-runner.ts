import { pgCommandRunner, prepared } from "@shop/messaging";
import type { Clock, CommandRunner, ReceivedMessage } from "@shop/kernel";
import { productStockChanged, type Envelope } from "@shop/contracts";
import type pg from "pg";
import { firstShortfall } from "../../../domain/availability";
import type { OrderLine, OrderStock, ReserveAnswer, StockReply } from "../../../domain/reservation";
import type { LinesTaken, ReservationStore } from "../../../application/ports";
import { replyMessage } from "../replies";
import type { Db } from "../prisma/client";
import { historyInsert, PRODUCT_ROW_COLUMNS, productEvents } from "../prisma/product-events";
import { productOfRow, type ProductRow } from "../prisma/product-row";

/*
 * A stock command (the checkout saga's reserve and release, the after-sale restock), in
 * @shop/messaging's one shape for a participant (pgCommandRunner: inbox record with the saga's
 * lock, the change, the reply in the outbox, one transaction). Every
 * stock move also bumps the product's version and records its product.stock-changed event
 * (outbox and event history) on the same transaction, so the catalog view's stock follows
 * checkouts.
 *
 * Plain SQL on the pool under Prisma (db.sql), a few statements per command: every checkout
 * runs one here, and Prisma's per-query cost made this the busiest process of a checkout.
 */
export const pgStockCommandRunner = (
  db: Db,
  clock: Clock,
): CommandRunner<ReservationStore, StockReply> =>
  pgCommandRunner<PgReservationStore, StockReply>(db.sql, clock, {
    storeOn: (client, command) => new PgReservationStore(client, command),
    replyMessage,
    finish: (store) => store.flush(),
  });

/** Everything the command writes after its stock moves, but its messages, in one statement. */
const FLUSH = prepared(`WITH h AS (${historyInsert("$1")}),
o AS (
  INSERT INTO order_stock (order_id, state, reply, created_at, updated_at)
  SELECT $2::uuid, $3::order_stock_state, $4::jsonb, $5, $5 WHERE $2::uuid IS NOT NULL
  ON CONFLICT (order_id) DO UPDATE
    SET state = EXCLUDED.state, reply = coalesce(EXCLUDED.reply, order_stock.reply),
        updated_at = EXCLUDED.updated_at
  RETURNING order_id
)
INSERT INTO stock_reservation (order_id, product_id, quantity)
SELECT o.order_id, x.product_id, x.quantity
  FROM o, jsonb_to_recordset($6::jsonb) AS x(product_id uuid, quantity int)
ON CONFLICT DO NOTHING`);

const ORDER_STOCK = prepared(
  "SELECT state::text AS state, reply FROM order_stock WHERE order_id = $1::uuid",
);
const LOCK_PRODUCTS = prepared(`SELECT id::text AS id, stock, status::text AS status FROM product
  WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`);
const TAKE = prepared(`UPDATE product p SET stock = p.stock - x.quantity, updated_at = $2,
                      version = p.version + 1
   FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, quantity int), category c
  WHERE p.id = x.product_id AND c.slug = p.category_slug
 RETURNING ${PRODUCT_ROW_COLUMNS}`);
const LOCK_RESERVED = prepared(`SELECT 1 FROM product
  WHERE id IN (SELECT product_id FROM stock_reservation WHERE order_id = $1::uuid)
  ORDER BY id FOR UPDATE`);
// Never refused, and every unit comes back: past MAX_STOCK too, when an admin added stock while
// they were reserved (MAX_STOCK bounds what an admin adds, not what the shop holds).
const GIVE_BACK = prepared(`UPDATE product p
    SET stock = p.stock + r.quantity, updated_at = $2, version = p.version + 1
   FROM stock_reservation r, category c
  WHERE r.order_id = $1::uuid AND p.id = r.product_id AND c.slug = p.category_slug
 RETURNING ${PRODUCT_ROW_COLUMNS}`);
/** A refund's restock, recorded once: the primary key decides, not a read before it. */
const RECORD_RESTOCK = prepared(`INSERT INTO stock_restock (refund_id, order_id, lines, created_at)
  VALUES ($1::uuid, $2::uuid, $3::jsonb, $4) ON CONFLICT (refund_id) DO NOTHING RETURNING 1`);
const LOCK_PRODUCT_IDS = prepared(`SELECT 1 FROM product WHERE id = ANY($1::uuid[])
  ORDER BY id FOR UPDATE`);
// Never refused, whatever the product's status, and past MAX_STOCK too (as GIVE_BACK): the
// units were the shop's before they were sold. One statement per restock, stock = stock + n
// (summed per product, so a product named twice gets both lines).
const PUT_BACK = prepared(`UPDATE product p
    SET stock = p.stock + x.quantity, updated_at = $2, version = p.version + 1
   FROM (SELECT product_id, sum(quantity)::int AS quantity
           FROM jsonb_to_recordset($1::jsonb) AS r(product_id uuid, quantity int)
          GROUP BY product_id) x, category c
  WHERE p.id = x.product_id AND c.slug = p.category_slug
 RETURNING ${PRODUCT_ROW_COLUMNS}`);
interface StockRow {
  id: string;
  stock: number;
  status: "active" | "archived";
}

/**
 * The stock moves run as they are called (their rows locked and changed); the events they cause
 * and the order's record wait, and are written by flush() with the reply in one statement.
 */
class PgReservationStore implements ReservationStore {
  private readonly events: Envelope[] = [];
  private order: { record: OrderStock; now: Date } | null = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly command: ReceivedMessage,
  ) {}

  /** The moved products' stock-changed events, caused by the command, in the order's saga. */
  private stockChanged(rows: readonly ProductRow[], now: Date) {
    const products = rows.map(productOfRow).sort((a, b) => (a.id < b.id ? -1 : 1));
    this.events.push(
      ...productEvents(productStockChanged, products, now, {
        correlationId: this.command.correlationId,
        causationId: this.command.messageId,
      }),
    );
    return products;
  }

  async lockOrder(orderId: string): Promise<OrderStock | null> {
    // The command's own order is locked already (handle); another would be a caller's mistake.
    if (orderId !== this.command.correlationId)
      throw new Error(`order ${orderId} is not the command's (${this.command.correlationId})`);
    const { rows } = await this.client.query<{ state: OrderStock["state"]; reply: unknown }>({
      ...ORDER_STOCK,
      values: [orderId],
    });
    const row = rows[0];
    if (!row) return null;
    // The reply column holds what this adapter wrote (saveOrder); the CHECK keeps it for
    // reserved and rejected orders.
    return { orderId, state: row.state, answer: row.reply as ReserveAnswer | null } as OrderStock;
  }

  async takeLines(orderId: string, lines: readonly OrderLine[], now: Date): Promise<LinesTaken> {
    // Every product's row is locked first, in product id order (the lines come in that order),
    // so concurrent reserves never deadlock; then all lines are checked before any is taken, so
    // a failing line leaves nothing to undo.
    const { rows: locked } = await this.client.query<StockRow>({
      ...LOCK_PRODUCTS,
      values: [lines.map((l) => l.productId)],
    });
    const byId = new Map(locked.map((r) => [r.id, r]));
    const shortfall = firstShortfall(lines, (id) => byId.get(id));
    if (shortfall) return shortfall;
    const { rows } = await this.client.query<ProductRow>({
      ...TAKE,
      values: [
        JSON.stringify(lines.map((l) => ({ product_id: l.productId, quantity: l.quantity }))),
        now,
      ],
    });
    // The rows are the ones reserved from: their prices are the ones reserved at.
    const products = new Map(this.stockChanged(rows, now).map((p) => [p.id, p]));
    return {
      kind: "taken",
      lines: lines.map(({ productId, quantity }) => {
        const product = products.get(productId)!;
        return { productId, quantity, unitPriceCents: product.priceCents, name: product.name };
      }),
    };
  }

  async returnLines(orderId: string, now: Date): Promise<void> {
    // Locked in product id order, like reserves, so a release and a reserve never deadlock.
    await this.client.query({ ...LOCK_RESERVED, values: [orderId] });
    const { rows } = await this.client.query<ProductRow>({ ...GIVE_BACK, values: [orderId, now] });
    if (rows.length > 0) this.stockChanged(rows, now);
  }

  async restock(
    refundId: string,
    orderId: string,
    lines: readonly OrderLine[],
    now: Date,
  ): Promise<"restocked" | "already"> {
    const json = JSON.stringify(
      lines.map((l) => ({ product_id: l.productId, quantity: l.quantity })),
    );
    const recorded = await this.client.query({
      ...RECORD_RESTOCK,
      values: [refundId, orderId, json, now],
    });
    if (recorded.rowCount !== 1) return "already";
    // Locked in product id order, like reserves and releases, so none of them deadlock.
    await this.client.query({
      ...LOCK_PRODUCT_IDS,
      values: [lines.map((l) => l.productId)],
    });
    const { rows } = await this.client.query<ProductRow>({ ...PUT_BACK, values: [json, now] });
    if (rows.length > 0) this.stockChanged(rows, now);
    return "restocked";
  }

  async saveOrder(record: OrderStock, now: Date): Promise<void> {
    this.order = { record, now };
  }

  /** The order's record, its reservation and the events' history: one statement. */
  async flush(): Promise<readonly Envelope[]> {
    const record = this.order?.record;
    const reserved =
      record?.state === "reserved" && record.answer.kind === "reserved"
        ? record.answer.lines.map(({ productId, quantity }) => ({
            product_id: productId,
            quantity,
          }))
        : [];
    if (this.events.length === 0 && !record) return this.events;
    await this.client.query({
      ...FLUSH,
      values: [
        JSON.stringify(this.events),
        record?.orderId ?? null,
        record?.state ?? null,
        record?.answer === null || record?.answer === undefined
          ? null
          : JSON.stringify(record.answer),
        this.order?.now ?? null,
        JSON.stringify(reserved),
      ],
    });
    return this.events;
  }
}
