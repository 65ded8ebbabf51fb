import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEAD_LETTERS_MIGRATION_SQL, MESSAGING_MIGRATION_SQL } from "@shop/messaging";
import { orderStatuses, stepNames } from "../../../domain/saga";

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
    expect(migration("20261203100100_messaging")).toBe(MESSAGING_MIGRATION_SQL);
  });

  const init = migration("20261203100000_init");

  it("know the same order statuses and steps as the saga", () => {
    const statuses = /CREATE TYPE "order_status" AS ENUM \(([^)]*)\)/.exec(init)?.[1];
    expect(statuses?.split(",").map((s) => s.trim().replaceAll("'", ""))).toEqual([
      ...orderStatuses,
    ]);
    expect(init).toContain(`CHECK ("step" IN (${stepNames.map((s) => `'${s}'`).join(", ")}))`);
  });

  it("index every lookup the saga makes and guard its invariants", () => {
    for (const name of [
      "saga_deadline_idx",
      "orders_user_id_idempotency_key_key",
      "saga_log_order_id_id_idx",
      "orders_amounts_non_negative",
      "orders_total_is_subtotal_minus_discount",
      "order_lines_quantity_positive",
      "saga_version_non_negative",
    ])
      expect(init).toContain(name);
  });
});
