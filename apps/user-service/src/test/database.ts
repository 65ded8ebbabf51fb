import { fileURLToPath } from "node:url";
import { testDatabases } from "@shop/service-kit/test-database";
import { createDb, type Db } from "../adapters/out/prisma/client";

export const { useTestDatabase } = testDatabases({
  prefix: "shop_user_test",
  migrationsDir: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  connect: createDb,
});

/** Empties every table between tests that need a clean slate. */
export async function truncateAccounts(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE TABLE "session", "known_device", "sign_in_attempt", "user" CASCADE`,
  );
}
