import { fileURLToPath } from "node:url";
import { testDatabases } from "@shop/service-kit/test-database";
import { createDb, type Db } from "../adapters/out/prisma/client";

export const { useTestDatabase } = testDatabases({
  prefix: "shop_product_test",
  migrationsDir: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  connect: createDb,
});

/** Empties the catalog tables between tests that need a clean slate. */
export async function truncateCatalog(db: Db): Promise<void> {
  // event_history refuses TRUNCATE (append-only); a test database is thrown away, so tests
  // empty it by dropping the guard for the moment of the TRUNCATE.
  await db.$transaction([
    db.$executeRawUnsafe(`ALTER TABLE event_history DISABLE TRIGGER event_history_no_truncate`),
    db.$executeRawUnsafe(
      `TRUNCATE TABLE "product", "category", outbox, event_history, read.catalog_product, read.product_sales_daily CASCADE`,
    ),
    db.$executeRawUnsafe(`ALTER TABLE event_history ENABLE TRIGGER event_history_no_truncate`),
  ]);
}

/**
 * Every row of the catalog view with every column, for comparing two states of it: as JSON,
 * where the search words (a tsvector, which Prisma cannot read) are their text.
 */
export const CATALOG_ROWS = `SELECT to_jsonb(v) AS row FROM read.catalog_product v ORDER BY id`;
