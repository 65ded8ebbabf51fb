import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messagingMigrationsContract } from "@shop/messaging/testing";

const MIGRATIONS = new URL("../../../../prisma/migrations/", import.meta.url);
const migration = (name: string) =>
  readFileSync(new URL(`${name}/migration.sql`, MIGRATIONS), "utf8");

messagingMigrationsContract(MIGRATIONS);

describe("migrations", () => {
  it("guard the wallet's invariants in the database", () => {
    const init = migration("20261202100000_init");
    for (const constraint of [
      "wallet_balance_non_negative",
      "ledger_entry_amount_sign",
      "ledger_entry_order_id_kind_key",
      "payment_decided_at_commit",
    ])
      expect(init).toContain(constraint);
  });
});
