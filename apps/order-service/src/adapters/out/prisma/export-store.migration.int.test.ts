import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "@shop/service-kit/migrate";
import { anExportedOrder } from "../../../test/export-store-contract";
import { createDb } from "./client";
import { PrismaExportStore } from "./export-store";

/*
 * 20261230090100_export_returns renames data_export's key (order_id -> export_id) and adds the
 * kind: the exports recorded before it, still to send, must come out of it as the same orders
 * under the same keys (the platform's idempotency keys). `prisma migrate diff` would have dropped
 * the column; this holds the hand-written rename to keeping them.
 */

const MIGRATIONS = fileURLToPath(new URL("../../../../prisma/migrations", import.meta.url));
const MIGRATION = "20261230090100_export_returns";
/** A throwaway database on the test server, as src/test/database.ts names them. */
function throwawayDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = `/shop_order_test_${randomBytes(6).toString("hex")}`;
  return u.toString();
}
const url = throwawayDatabaseUrl();
const before = mkdtempSync(join(tmpdir(), "order-migrations-"));
let db: ReturnType<typeof createDb> | undefined;

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(url);
  rmSync(before, { recursive: true, force: true });
});

describe(`migration ${MIGRATION}`, () => {
  it("keeps every export recorded before it, as an order under its order id", async () => {
    // The migrations up to this one (not included), as a database before the upgrade has them.
    for (const name of readdirSync(MIGRATIONS, { withFileTypes: true }))
      if (name.isDirectory() && name.name < MIGRATION)
        cpSync(join(MIGRATIONS, name.name), join(before, name.name), { recursive: true });
    await ensureDatabase(url);
    await applyMigrations(url, before);
    db = createDb(url, 2);
    const pending = anExportedOrder();
    const failed = anExportedOrder();
    await db.$executeRawUnsafe(
      `INSERT INTO data_export (order_id, payload, next_attempt_at, created_at)
       VALUES ($1::uuid, $2::jsonb, now(), now())`,
      pending.orderId,
      JSON.stringify(pending),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO data_export (order_id, payload, status, attempts, last_error, next_attempt_at,
                                created_at, failed_at)
       VALUES ($1::uuid, $2::jsonb, 'FAILED', 1, 'HTTP 400', now(), now(), now())`,
      failed.orderId,
      JSON.stringify(failed),
    );

    const { applied } = await applyMigrations(url, MIGRATIONS);
    expect(applied).toContain(MIGRATION);

    expect(
      await db.dataExport.findMany({
        select: { kind: true, exportId: true, status: true },
        orderBy: { status: "asc" },
      }),
    ).toEqual([
      { kind: "order", exportId: pending.orderId, status: "PENDING" },
      { kind: "order", exportId: failed.orderId, status: "FAILED" },
    ]);
    const store = new PrismaExportStore(db);
    const lease = new Date(Date.now() + 60_000);
    expect(await store.claimDue(new Date(Date.now() + 1_000), 10, lease)).toEqual([
      { item: { kind: "order", order: pending }, attempts: 0, leaseUntil: lease },
    ]);
    // Its order id is still its key: the order recorded again is no new export.
    expect(await store.record({ kind: "order", order: pending }, new Date())).toBe(false);
  });
});
