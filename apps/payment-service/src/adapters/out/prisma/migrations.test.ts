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

  it("guard partial refunds in the database, with the partial indexes Prisma cannot express", () => {
    const partial = migration("20261230090000_partial_refunds");
    for (const constraint of [
      "payment_refunded_within_amount",
      "payment_refunded_only_when_paid",
      "ledger_entry_refund_id_key",
      "ledger_entry_refund_id_is_refund",
      "payment_refund_outcome_fields",
      "payment_refund_decided_at_commit",
    ])
      expect(partial).toContain(constraint);
    // One whole refund (and one debit) per order: unique among the entries without a refund id.
    expect(partial).toMatch(
      /CREATE UNIQUE INDEX "ledger_entry_order_id_kind_key" ON "ledger_entry"\("order_id", "kind"\) WHERE "refund_id" IS NULL;/,
    );
    // schema.prisma keeps no full (order_id, kind) key, which a migrate diff would bring back.
    const schema = readFileSync(new URL("../schema.prisma", MIGRATIONS), "utf8");
    expect(schema).not.toMatch(/@@unique\(\[orderId, kind\]\)/);
  });
});
