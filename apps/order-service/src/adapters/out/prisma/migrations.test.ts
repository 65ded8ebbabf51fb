import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messagingMigrationsContract } from "@shop/messaging/testing";
import { orderStatuses, stepNames } from "../../../domain/saga";

const MIGRATIONS = new URL("../../../../prisma/migrations/", import.meta.url);
const migration = (name: string) =>
  readFileSync(new URL(`${name}/migration.sql`, MIGRATIONS), "utf8");

messagingMigrationsContract(MIGRATIONS);

describe("migrations", () => {
  const init = migration("20261203100000_init");

  it("know the same order statuses and steps as the saga", () => {
    const statuses = /CREATE TYPE "order_status" AS ENUM \(([^)]*)\)/.exec(init)?.[1];
    // Values added later (after the sale), in the order they were added.
    const added = [
      ...migration("20261230090000_after_sale").matchAll(/ADD VALUE IF NOT EXISTS '(\w+)'/g),
    ];
    expect([
      ...(statuses?.split(",").map((s) => s.trim().replaceAll("'", "")) ?? []),
      ...added.map((m) => m[1]),
    ]).toEqual([...orderStatuses]);
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

  it("guard in the database that refunds stay within what was paid and bought", () => {
    const afterSale = migration("20261230090000_after_sale");
    expect(afterSale).toContain(
      `"refunded_cents" + "refunding_cents" <= COALESCE("total_cents", 0)`,
    );
    expect(afterSale).toContain(`"refunded_quantity" <= "quantity"`);
  });
});
