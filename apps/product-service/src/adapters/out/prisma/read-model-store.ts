import { orderCompleted, productState } from "@shop/contracts";
import type {
  HistoryEvent,
  ProductState,
  ReadModelStore,
  ReadModelWriter,
} from "../../../application/ports";
import type { CompletedOrder, Day } from "../../../domain/sales";
import { completedOrderOf, productStateOf } from "../../event-mapping";
import type { Db, Tx } from "./client";

/*
 * The projector's writes: the read schema ("read") and, for consumed events, the event history.
 * Nothing else writes the read schema. Each write is one statement or one transaction.
 */

const REBUILD_BATCH = 1_000;

class SqlReadModelWriter implements ReadModelWriter {
  constructor(private readonly db: Db | Tx) {}

  async applyProduct(s: ProductState): Promise<boolean> {
    // The version check is in the statement: an older or repeated state changes nothing.
    const changed = await this.db.$executeRaw`
      INSERT INTO read.catalog_product AS v (id, slug, name, description, category_slug,
        category_name, price_cents, stock, image, status, created_at, updated_at, version)
      VALUES (${s.id}::uuid, ${s.slug}, ${s.name}, ${s.description}, ${s.categorySlug},
        ${s.categoryName}, ${s.priceCents}, ${s.stock}, ${s.image}, ${s.status}::product_status,
        ${s.createdAt}, ${s.updatedAt}, ${s.version})
      ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,
        description = EXCLUDED.description, category_slug = EXCLUDED.category_slug,
        category_name = EXCLUDED.category_name, price_cents = EXCLUDED.price_cents,
        stock = EXCLUDED.stock, image = EXCLUDED.image, status = EXCLUDED.status,
        created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        version = EXCLUDED.version
      WHERE v.version < EXCLUDED.version`;
    return changed === 1;
  }

  async addSales(order: CompletedOrder, day: Day): Promise<void> {
    const lines = JSON.stringify(order.lines);
    await this.db.$executeRaw`
      INSERT INTO read.product_sales_daily AS s (day, product_id, units, revenue_cents, orders)
      SELECT ${day}::date, (l->>'productId')::uuid, sum((l->>'quantity')::int),
             sum((l->>'quantity')::bigint * (l->>'unitPriceCents')::bigint), 1
      FROM jsonb_array_elements(${lines}::jsonb) AS l
      GROUP BY 2 ORDER BY 2 -- rows locked in product order: concurrent orders never deadlock
      ON CONFLICT (day, product_id) DO UPDATE SET units = s.units + EXCLUDED.units,
        revenue_cents = s.revenue_cents + EXCLUDED.revenue_cents, orders = s.orders + 1`;
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
  return { kind: "product", state: productStateOf(productState.parse(row.message.payload)) };
}

export class PrismaReadModelStore implements ReadModelStore {
  constructor(private readonly db: Db) {}

  applyProduct(state: ProductState): Promise<boolean> {
    return new SqlReadModelWriter(this.db).applyProduct(state);
  }

  recordCompletedOrder(
    order: CompletedOrder,
    event: unknown,
    day: Day,
  ): Promise<"counted" | "duplicate"> {
    const message = event as { messageId: string; type: string };
    return this.db.$transaction(async (tx) => {
      // One row per order id (and per message id): a second one is a duplicate. Two deliveries
      // at once: the second INSERT waits for the first transaction, then finds its row.
      const inserted = await tx.$executeRaw`
        INSERT INTO event_history (message_id, type, order_id, message)
        VALUES (${message.messageId}::uuid, ${message.type}, ${order.orderId}::uuid,
                ${JSON.stringify(event)}::jsonb)
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) return "duplicate";
      await new SqlReadModelWriter(tx).addSales(order, day);
      return "counted";
    });
  }

  rebuild(
    apply: (event: HistoryEvent, writer: ReadModelWriter) => Promise<void>,
  ): Promise<{ events: number }> {
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE read.catalog_product, read.product_sales_daily`);
        const writer = new SqlReadModelWriter(tx);
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
