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
  await db.$executeRawUnsafe(`TRUNCATE TABLE "product", "category" CASCADE`);
}
