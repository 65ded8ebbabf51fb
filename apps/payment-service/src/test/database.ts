import { fileURLToPath } from "node:url";
import { testDatabases } from "@shop/service-kit/test-database";
import { createDb, type Db } from "../adapters/out/prisma/client";

export const { useTestDatabase } = testDatabases({
  prefix: "shop_payment_test",
  migrationsDir: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  connect: createDb,
});

/** Empties every table between tests that need a clean slate. */
export async function truncatePayments(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE TABLE "ledger_entry", "wallet", "payment", "payment_refund", "inbox", "outbox" CASCADE`,
  );
}

/** The invariant every test checks: each wallet's balance is the sum of its ledger, and its
 * entry count is its newest seq (the entries are gapless). Returns the wallets that disagree. */
export async function walletsOffLedger(db: Db) {
  return db.$queryRaw<{ user_id: string; balance_cents: number; ledger_sum: number }[]>`
    SELECT w.user_id, w.balance_cents, COALESCE(SUM(e.amount_cents), 0)::int AS ledger_sum
      FROM wallet w LEFT JOIN ledger_entry e ON e.user_id = w.user_id
     GROUP BY w.user_id, w.balance_cents, w.entry_count
    HAVING w.balance_cents <> COALESCE(SUM(e.amount_cents), 0)
        OR w.entry_count <> COUNT(e.id)
        OR w.entry_count <> COALESCE(MAX(e.seq), 0)`;
}
