import { fileURLToPath } from "node:url";
import { testDatabases } from "@shop/service-kit/test-database";
import { createDb, type Db } from "../adapters/out/prisma/client";

export const { useTestDatabase, createTestDatabase } = testDatabases({
  prefix: "shop_coupon_test",
  migrationsDir: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  connect: createDb,
});

/** Empties every table between tests that need a clean slate. */
export async function truncateCoupons(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE TABLE "coupon", "campaign", "redemption", "inbox", "outbox" CASCADE`,
  );
}
