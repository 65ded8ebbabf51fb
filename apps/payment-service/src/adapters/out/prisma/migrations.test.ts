import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "@shop/messaging";

const migration = (name: string) =>
  readFileSync(
    new URL(`../../../../prisma/migrations/${name}/migration.sql`, import.meta.url),
    "utf8",
  );

describe("migrations", () => {
  it("carry @shop/messaging's dead-letter table exactly as the package defines it", () => {
    const sql = readFileSync(
      new URL(
        "../../../../prisma/migrations/20261220090000_dead_letters/migration.sql",
        import.meta.url,
      ),
      "utf8",
    );
    expect(sql).toBe(DEAD_LETTERS_MIGRATION_SQL);
  });

  it("create the outbox and inbox exactly as @shop/messaging defines them", () => {
    // Migrations are checksummed once applied: if this fails because the package's SQL changed,
    // add a new migration with the difference rather than editing this one.
    expect(migration("20261202100100_messaging")).toBe(MESSAGING_MIGRATION_SQL);
  });

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
