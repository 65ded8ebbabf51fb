import { Prisma } from "../../../generated/prisma/client";
import type { DailyUnits, ProductSales, SalesView } from "../../../application/ports";
import type { Day } from "../../../domain/sales";
import type { Db } from "./client";
import { productOfRow, type ProductRow } from "./product-row";

/*
 * The popular products and daily sales, from read.product_sales_daily (the primary key
 * (day, product_id) makes "the last N days" a range scan of at most N x products rows) joined
 * with the catalog view for what a page shows. No command table is read. Every figure is net of
 * cancellations and refunds: the table's generated net_units / net_revenue_cents (sold less
 * returned per day, never below 0: domain/sales.ts netOf); what was returned is the difference.
 */

interface TopRow extends ProductRow {
  units: number;
  revenue_cents: number;
  returned_units: number;
  returned_revenue_cents: number;
}

const toSales = (r: TopRow): ProductSales => ({
  product: productOfRow(r),
  units: r.units,
  revenueCents: r.revenue_cents,
  returnedUnits: r.returned_units,
  returnedRevenueCents: r.returned_revenue_cents,
});

const COLUMNS = Prisma.sql`p.id::text AS id, p.slug, p.name, p.description, p.category_slug,
  p.category_name, p.price_cents, p.stock, p.image, p.status::text AS status, p.created_at,
  p.updated_at, p.version`;

export class PrismaSalesView implements SalesView {
  constructor(private readonly db: Db) {}

  async top(days: readonly Day[], limit: number, includeArchived: boolean) {
    const status = includeArchived ? Prisma.empty : Prisma.sql`WHERE p.status = 'active'`;
    const rows = await this.db.$queryRaw<TopRow[]>`
      SELECT ${COLUMNS}, s.units, s.revenue_cents, s.returned_units, s.returned_revenue_cents
      FROM (SELECT product_id, sum(net_units)::int AS units,
                   sum(net_revenue_cents)::float8 AS revenue_cents,
                   sum(units - net_units)::int AS returned_units,
                   sum(revenue_cents - net_revenue_cents)::float8 AS returned_revenue_cents
            FROM read.product_sales_daily
            WHERE day BETWEEN ${days[0]}::date AND ${days[days.length - 1]}::date
            GROUP BY product_id
            HAVING sum(net_units) > 0) s
      JOIN read.catalog_product p ON p.id = s.product_id
      ${status}
      ORDER BY s.units DESC, s.product_id
      LIMIT ${limit}`;
    return rows.map(toSales);
  }

  /**
   * The same answer computed on the fly from the raw order lines in the event history, for
   * the benchmark to compare with (`npm run bench`): never used by the API. Gross of returns
   * (the benchmark's history has none).
   */
  async naiveTop(days: readonly Day[], limit: number, timeZone: string) {
    return this.db.$queryRaw<{ product_id: string; units: number }[]>`
      SELECT (l->>'productId') AS product_id, sum((l->>'quantity')::int)::int AS units
      FROM event_history e, jsonb_array_elements(e.message->'payload'->'lines') AS l
      WHERE e.type = 'order.completed'
        AND ((e.message->'payload'->>'completedAt')::timestamptz AT TIME ZONE ${timeZone})::date
            BETWEEN ${days[0]}::date AND ${days[days.length - 1]}::date
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`;
  }

  async daily(days: readonly Day[], productIds: readonly string[]): Promise<DailyUnits[]> {
    return this.db.$queryRaw<DailyUnits[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, product_id::text AS "productId",
             net_units AS units
      FROM read.product_sales_daily
      WHERE day BETWEEN ${days[0]}::date AND ${days[days.length - 1]}::date
        AND product_id = ANY(${productIds as string[]}::uuid[])
        AND net_units > 0
      ORDER BY day, product_id`;
  }
}
