import { fileURLToPath } from "node:url";
import { testDatabases } from "@shop/service-kit/test-database";
import { createDb } from "../adapters/out/prisma/client";

export const { useTestDatabase } = testDatabases({
  prefix: "shop_order_test",
  migrationsDir: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  connect: createDb,
});
