/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { randomUUID } from "node:crypto";
import { defaultDatabaseUrl } from "@shop/service-kit/services";
import { createDb } from "../../src/adapters/out/prisma/client";
import { categories, products } from "./catalog";

/**
 * Fills the catalog with the demo data. Idempotent and non-destructive: rows are matched by
 * slug and only missing ones are inserted, so an admin's edits survive a second run.
 */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SEED_HISTORY = `
  INSERT INTO event_history (message_id, type, message)
  SELECT m.id, 'product.created', jsonb_build_object(
    'messageId', m.id, 'type', 'product.created', 'version', 1, 'correlationId', p.id::text,
    'occurredAt', ${iso("p.updated_at")},
    'payload', jsonb_build_object('id', p.id, 'slug', p.slug, 'name', p.name,
      'description', p.description, 'category', jsonb_build_object('slug', c.slug, 'name', c.name),
      'priceCents', p.price_cents, 'stock', p.stock, 'image', p.image, 'status', p.status::text,
      'createdAt', ${iso("p.created_at")}, 'updatedAt', ${iso("p.updated_at")}, 'version', p.version))
  FROM product p JOIN category c ON c.slug = p.category_slug
  CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id WHERE p.id IS NOT NULL) m -- one per row
  WHERE NOT EXISTS (SELECT 1 FROM event_history e WHERE e.message->'payload'->>'id' = p.id::text)
  ORDER BY p.created_at, p.id`;

const url = process.env.DATABASE_URL ?? defaultDatabaseUrl("product-service");
const db = createDb(url, 2);
try {
  const cats = await db.category.createMany({
    data: categories.map((c, position) => ({ ...c, position })),
    skipDuplicates: true,
  });
  // Staggered creation times, interleaved across categories, so "newest first" mixes them.
  const now = Date.now();
  const seen = new Map<string, number>();
  const ranked = products.map((p) => {
    const n = seen.get(p.categorySlug) ?? 0;
    seen.set(p.categorySlug, n + 1);
    return { p, n };
  });
  const order = ranked.sort((a, b) => a.n - b.n).map(({ p }) => p);
  const prods = await db.product.createMany({
    data: order.map(({ price, ...p }, i) => {
      const createdAt = new Date(now - (order.length - i) * 3_600_000);
      return { id: randomUUID(), ...p, priceCents: price, createdAt, updatedAt: createdAt };
    }),
    skipDuplicates: true,
  });
  // The demo products enter the event history as created (as an admin's create would record
  // them), so the rebuild that follows (npm run seed) puts them in the catalog view.
  await db.$executeRawUnsafe(SEED_HISTORY);
  console.log(
    `seed: ${cats.count} categories and ${prods.count} products added (${categories.length} and ${products.length} in the demo catalog)`,
  );
} finally {
  await db.$disconnect();
}
