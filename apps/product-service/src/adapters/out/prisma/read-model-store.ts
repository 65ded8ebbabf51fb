import { orderCancelled, orderCompleted, orderRefunded, productState } from "@shop/contracts";
import type {
  HistoryEvent,
  ProductState,
  ReadModelStore,
  ReadModelWriter,
} from "../../../application/ports";
import { prepared, type PreparedStatement } from "@shop/messaging";
import type { CompletedOrder, Day, ReturnedSale } from "../../../domain/sales";
import { completedOrderOf, productStateOf, returnedSaleOf } from "../../event-mapping";
import type { Db } from "./client";

/*
 * The projector's writes: the read schema ("read") and, for consumed events, the event history.
 * Nothing else writes the read schema. Each write is one statement or one transaction.
 */

const REBUILD_BATCH = 1_000;

// The version check is in the statement: an older or repeated state changes nothing.
const APPLY_PRODUCT = prepared(`INSERT INTO read.catalog_product AS v (id, slug, name, description,
    category_slug, category_name, price_cents, stock, image, status, created_at, updated_at, version)
  VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10::product_status, $11, $12, $13)
  ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,
    description = EXCLUDED.description, category_slug = EXCLUDED.category_slug,
    category_name = EXCLUDED.category_name, price_cents = EXCLUDED.price_cents,
    stock = EXCLUDED.stock, image = EXCLUDED.image, status = EXCLUDED.status,
    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
    version = EXCLUDED.version
  WHERE v.version < EXCLUDED.version`);

const productParams = (s: ProductState) => [
  s.id,
  s.slug,
  s.name,
  s.description,
  s.categorySlug,
  s.categoryName,
  s.priceCents,
  s.stock,
  s.image,
  s.status,
  s.createdAt,
  s.updatedAt,
  s.version,
];

/** The day's ($1) sales of an order's lines ($2, jsonb), once per row of `from` if given. */
const addSales = (from?: string) => `INSERT INTO read.product_sales_daily AS s
    (day, product_id, units, revenue_cents, orders)
  SELECT $1::date, (l->>'productId')::uuid, sum((l->>'quantity')::int),
         sum((l->>'quantity')::bigint * (l->>'unitPriceCents')::bigint), 1
  FROM ${from ? `${from}, ` : ""}jsonb_array_elements($2::jsonb) AS l
  GROUP BY 2 ORDER BY 2 -- rows locked in product order: concurrent orders never deadlock
  ON CONFLICT (day, product_id) DO UPDATE SET units = s.units + EXCLUDED.units,
    revenue_cents = s.revenue_cents + EXCLUDED.revenue_cents, orders = s.orders + 1`;

/**
 * A completed order, once: one row per order id (and per message id) in the history, and its
 * sales only if that row is new. Two deliveries at once: the second INSERT waits for the first
 * transaction, then finds its row.
 */
const RECORD_COMPLETED_ORDER = prepared(`WITH h AS (
  INSERT INTO event_history (message_id, type, order_id, message)
  VALUES ($3::uuid, $4, $5::uuid, $6::jsonb)
  ON CONFLICT DO NOTHING
  RETURNING 1
), s AS (${addSales("h")})
SELECT count(*)::int AS counted FROM h`);
const ADD_SALES = prepared(addSales());

/**
 * The returned lines ($2, jsonb) of a sale of day $1, once per row of `from` if given: added to
 * the day's returned units and gross revenue (quantity x the unit price sold at), beside its
 * sales, which are never changed; a return that overtakes its sale makes a row of returns only.
 * The net the readers count is the table's generated net_units / net_revenue_cents.
 */
const addReturns = (from?: string) => `INSERT INTO read.product_sales_daily AS s
    (day, product_id, units, revenue_cents, orders, returned_units, returned_revenue_cents, returns)
  SELECT $1::date, (l->>'productId')::uuid, 0, 0, 0, sum((l->>'quantity')::int),
         sum((l->>'quantity')::bigint * (l->>'unitPriceCents')::bigint), 1
  FROM ${from ? `${from}, ` : ""}jsonb_array_elements($2::jsonb) AS l
  GROUP BY 2 ORDER BY 2 -- rows locked in product order, as addSales
  ON CONFLICT (day, product_id) DO UPDATE SET
    returned_units = s.returned_units + EXCLUDED.returned_units,
    returned_revenue_cents = s.returned_revenue_cents + EXCLUDED.returned_revenue_cents,
    returns = s.returns + 1`;

/**
 * A cancellation or refund, once: one row per message id and per refund id in the history (both
 * unique), and its returned units only if that row is new.
 */
const RECORD_RETURN = prepared(`WITH h AS (
  INSERT INTO event_history (message_id, type, refund_id, message)
  VALUES ($3::uuid, $4, $5::uuid, $6::jsonb)
  ON CONFLICT DO NOTHING
  RETURNING 1
), s AS (${addReturns("h")})
SELECT count(*)::int AS counted FROM h`);
const ADD_RETURNS = prepared(addReturns());

/** Runs a statement with $n parameters; answers the rows it changed. */
type Run = (statement: PreparedStatement, params: unknown[]) => Promise<number>;

class SqlReadModelWriter implements ReadModelWriter {
  constructor(private readonly run: Run) {}

  async applyProduct(s: ProductState): Promise<boolean> {
    return (await this.run(APPLY_PRODUCT, productParams(s))) === 1;
  }

  async addSales(order: CompletedOrder, day: Day): Promise<void> {
    await this.run(ADD_SALES, [day, JSON.stringify(order.lines)]);
  }

  async addReturns(returned: ReturnedSale, day: Day): Promise<void> {
    await this.run(ADD_RETURNS, [day, JSON.stringify(returned.lines)]);
  }
}

interface HistoryRow {
  seq: bigint;
  type: string;
  message: { payload: unknown };
}

function historyEvent(row: HistoryRow): HistoryEvent {
  if (row.type === "order.completed")
    return {
      kind: "order-completed",
      order: completedOrderOf(orderCompleted.schema.parse(row.message.payload)),
    };
  if (row.type === orderCancelled.type || row.type === orderRefunded.type)
    return {
      kind: "order-returned",
      returned: returnedSaleOf(
        (row.type === orderCancelled.type ? orderCancelled : orderRefunded).schema.parse(
          row.message.payload,
        ),
      ),
    };
  return { kind: "product", state: productStateOf(productState.parse(row.message.payload)) };
}

/*
 * The live projection is plain SQL on the pool under Prisma (db.sql), one statement per event:
 * every checkout sends it two (a cancellation or refund one or two more). The rebuild runs the same statements in one Prisma transaction.
 */
export class PrismaReadModelStore implements ReadModelStore {
  constructor(private readonly db: Db) {}

  applyProduct(state: ProductState): Promise<boolean> {
    return new SqlReadModelWriter(async (statement, values) => {
      return (await this.db.sql.query({ ...statement, values })).rowCount ?? 0;
    }).applyProduct(state);
  }

  async recordCompletedOrder(
    order: CompletedOrder,
    event: unknown,
    day: Day,
  ): Promise<"counted" | "duplicate"> {
    const message = event as { messageId: string; type: string };
    const { rows } = await this.db.sql.query<{ counted: number }>({
      ...RECORD_COMPLETED_ORDER,
      values: [
        day,
        JSON.stringify(order.lines),
        message.messageId,
        message.type,
        order.orderId,
        JSON.stringify(event),
      ],
    });
    return rows[0]?.counted === 1 ? "counted" : "duplicate";
  }

  async recordReturn(
    returned: ReturnedSale,
    event: unknown,
    day: Day,
  ): Promise<"counted" | "duplicate"> {
    const message = event as { messageId: string; type: string };
    const { rows } = await this.db.sql.query<{ counted: number }>({
      ...RECORD_RETURN,
      values: [
        day,
        JSON.stringify(returned.lines),
        message.messageId,
        message.type,
        returned.refundId,
        JSON.stringify(event),
      ],
    });
    return rows[0]?.counted === 1 ? "counted" : "duplicate";
  }

  rebuild(
    apply: (event: HistoryEvent, writer: ReadModelWriter) => Promise<void>,
  ): Promise<{ events: number }> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE read.catalog_product, read.product_sales_daily`);
        const writer = new SqlReadModelWriter((statement, params) =>
          tx.$executeRawUnsafe(statement.text, ...params),
        );
        let after = 0n;
        let events = 0;
        for (;;) {
          const rows = await tx.$queryRaw<HistoryRow[]>`
            SELECT seq, type, message FROM event_history WHERE seq > ${after}
            ORDER BY seq LIMIT ${REBUILD_BATCH}`;
          for (const row of rows) await apply(historyEvent(row), writer);
          events += rows.length;
          if (rows.length < REBUILD_BATCH) return { events };
          after = rows[rows.length - 1]!.seq;
        }
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }
}
