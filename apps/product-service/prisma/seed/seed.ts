/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { randomUUID } from "node:crypto";
import { defaultDatabaseUrl } from "@shop/service-kit/services";
import { createDb } from "../../src/adapters/out/prisma/client";
import { categories, products } from "./catalog";

/**
 * Fills the catalog with the demo data. Idempotent and non-destructive: rows are matched by
 * slug and only missing ones are inserted, so an admin's edits survive a second run.
 */
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
  console.log(
    `seed: ${cats.count} categories and ${prods.count} products added (${categories.length} and ${products.length} in the demo catalog)`,
  );
} finally {
  await db.$disconnect();
}
