// Step 1 of bench/popular.ts: the catalog and the sales history it measures on.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createMessage, orderCompleted } from "@shop/contracts";
import { applyMigrations } from "@shop/service-kit/migrate";
import type { ProductDeps } from "../src/application/ports";
import { createProduct } from "../src/application/create-product";
import { projectCompletedOrder } from "../src/application/project-completed-order";
import { rebuildReadModels } from "../src/application/rebuild-read-models";
import { completedOrderOf } from "../src/adapters/event-mapping";
import type { Db } from "../src/adapters/out/prisma/client";
import { dayIn } from "../src/domain/sales";
import { categories, products as demoProducts } from "../prisma/seed/catalog";
import { int, phase } from "./popular-figures";
import {
  CHUNK,
  HISTORY_DAYS,
  LIVE_ORDERS,
  ORDERS,
  PRODUCTS,
  salesWindow,
  url,
} from "./popular-settings";

/*
 * Bulk history: orders [$3, $4) as order.completed envelopes, shaped as order-service publishes
 * them (contracts/order-events.ts) and as the projector stores them (the whole message), each
 * completed at a random instant in the $6 days before $5. Each day has its own best sellers
 * (the products' order rotates by 7 a day), so the window's top 5 is not the all-time one and a
 * wrong window shows in the check. An order's lines are distinct products; one line in seven
 * buys 2 to 4 units.
 */
const BULK_HISTORY = `INSERT INTO event_history (message_id, type, order_id, message)
SELECT o.message_id, 'order.completed', o.order_id, jsonb_build_object(
  'messageId', o.message_id, 'type', 'order.completed', 'version', 1,
  'correlationId', o.order_id::text, 'occurredAt', o.completed,
  'payload', jsonb_build_object('orderId', o.order_id, 'userId', o.user_id, 'lines', l.lines,
    'subtotalCents', l.subtotal, 'discountCents', 0, 'totalCents', l.subtotal, 'couponId', NULL,
    'placedAt', o.placed, 'completedAt', o.completed))
FROM (
  SELECT i, order_id, message_id, user_id, r,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS completed,
    to_char((at - interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS placed,
    ((at AT TIME ZONE $7)::date - DATE '2000-01-01') * 7 AS shift
  FROM (SELECT i, gen_random_uuid() AS order_id, gen_random_uuid() AS message_id,
          gen_random_uuid() AS user_id, random() AS r,
          $5::timestamptz - random() * $6::int * interval '1 day' AS at
        FROM generate_series($3::int, $4::int - 1) AS i
        OFFSET 0) g -- OFFSET 0: evaluated once per order, never inlined into each use
) o
CROSS JOIN LATERAL (
  SELECT jsonb_agg(jsonb_build_object('productId', ($1::text[])[x.p + 1], 'quantity', x.q,
           'unitPriceCents', ($2::int[])[x.p + 1]) ORDER BY x.j) AS lines,
         sum(x.q * ($2::int[])[x.p + 1])::int AS subtotal
  FROM (SELECT j, (floor(cardinality($1::text[]) * o.r ^ 3)::int + o.shift + j * 53)
                  % cardinality($1::text[]) AS p,
               CASE WHEN random() < 1.0 / 7 THEN 2 + floor(random() * 3)::int ELSE 1 END AS q
        FROM generate_series(0, o.i % 4) AS j) x
) l`;

/*
 * The daily sales of the bulk history: what the projector's statement adds per order (units,
 * revenue, one order per product and day), summed over all of them at once. The day is the
 * completion's calendar day in the shop's time zone, as dayIn() counts it.
 */
const BULK_SALES = `INSERT INTO read.product_sales_daily (day, product_id, units, revenue_cents, orders)
SELECT ((e.message->'payload'->>'completedAt')::timestamptz AT TIME ZONE $1)::date,
  (l->>'productId')::uuid, sum((l->>'quantity')::int),
  sum((l->>'quantity')::bigint * (l->>'unitPriceCents')::bigint), count(DISTINCT e.order_id)
FROM event_history e, jsonb_array_elements(e.message->'payload'->'lines') AS l
WHERE e.type = 'order.completed'
GROUP BY 1, 2`;

export async function seed(db: Db, deps: ProductDeps) {
  await applyMigrations(url, fileURLToPath(new URL("../prisma/migrations", import.meta.url)));
  const catalog = await phase(
    "catalog through createProduct, read models rebuilt",
    120,
    async () => {
      await db.category.createMany({ data: categories.map((c, position) => ({ ...c, position })) });
      const made: { id: string; priceCents: number }[] = [];
      for (let i = 0; i < PRODUCTS; i++) {
        const demo = demoProducts[i % demoProducts.length]!;
        const round = Math.floor(i / demoProducts.length);
        const created = await createProduct(deps, {
          name: round ? `${demo.name} ${round + 1}` : demo.name,
          slug: round ? `${demo.slug}-${round + 1}` : demo.slug,
          description: demo.description,
          categorySlug: demo.categorySlug,
          priceCents: demo.price,
          stock: demo.stock,
          image: demo.image,
        });
        if (!created.ok) throw new Error(`createProduct: ${JSON.stringify(created.error)}`);
        made.push({ id: created.value.id, priceCents: created.value.priceCents });
      }
      // The catalog view from the history (the product.created events), as the rebuild makes it.
      await rebuildReadModels(deps);
      return made;
    },
  );
  const ids = catalog.map((p) => p.id);
  const prices = catalog.map((p) => p.priceCents);
  const bulkOrders = Math.max(0, ORDERS - LIVE_ORDERS);
  const now = new Date();
  await phase(`${int(bulkOrders)} orders into event_history (bulk SQL)`, 240, async () => {
    for (let from = 0; from < bulkOrders; from += CHUNK) {
      const to = Math.min(bulkOrders, from + CHUNK);
      await db.sql.query(BULK_HISTORY, [
        ids,
        prices,
        from,
        to,
        now,
        HISTORY_DAYS,
        salesWindow.timeZone,
      ]);
      if (process.stdout.isTTY) process.stdout.write(`\r    ${int(to)} orders`);
    }
    if (process.stdout.isTTY) process.stdout.write("\n");
  });
  await phase("their daily sales (the projector's sums, one statement)", 120, () =>
    db.sql.query(BULK_SALES, [salesWindow.timeZone]),
  );
  await phase(
    `${int(ORDERS - bulkOrders)} live orders through projectCompletedOrder, 8 at a time`,
    120,
    () => liveOrders(deps, ids, prices, bulkOrders),
  );
  await phase("VACUUM ANALYZE", 120, async () => {
    await db.sql.query("VACUUM ANALYZE event_history");
    await db.sql.query("VACUUM ANALYZE read.product_sales_daily, read.catalog_product");
  });
}

/**
 * Orders [from, ORDERS) as the live projector takes them, a few at a time (its prefetch is 10):
 * completed in the last hour, the same products as today's bulk orders favour.
 */
async function liveOrders(deps: ProductDeps, ids: string[], prices: number[], from: number) {
  const today = dayIn(new Date(), salesWindow.timeZone);
  const shift = Math.round((Date.parse(today) - Date.parse("2000-01-01")) / 86_400_000) * 7;
  let next = from;
  const worker = async () => {
    for (let i = next++; i < ORDERS; i = next++) {
      const r = Math.random();
      const completedAt = new Date(Date.now() - Math.random() * 3_600_000);
      const lines = Array.from({ length: (i % 4) + 1 }, (_, j) => {
        const p = (Math.floor(ids.length * r ** 3) + shift + j * 53) % ids.length;
        const quantity = Math.random() < 1 / 7 ? 2 + Math.floor(Math.random() * 3) : 1;
        return { productId: ids[p]!, quantity, unitPriceCents: prices[p]! };
      });
      const subtotal = lines.reduce((n, l) => n + l.quantity * l.unitPriceCents, 0);
      const orderId = randomUUID();
      const message = createMessage(
        orderCompleted,
        {
          orderId,
          userId: randomUUID(),
          lines,
          subtotalCents: subtotal,
          discountCents: 0,
          totalCents: subtotal,
          couponId: null,
          placedAt: new Date(completedAt.getTime() - 1_000).toISOString(),
          completedAt: completedAt.toISOString(),
        },
        { correlationId: orderId, occurredAt: completedAt },
      );
      const outcome = await projectCompletedOrder(deps, completedOrderOf(message.payload), message);
      if (outcome !== "counted") throw new Error(`order ${orderId}: ${outcome}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
