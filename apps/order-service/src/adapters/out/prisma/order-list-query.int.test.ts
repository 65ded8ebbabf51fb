import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../../generated/prisma/client";
import type { OrderFilter } from "../../../application/ports";
import { useTestDatabase } from "../../../test/database";
import { orderListQuery } from "./order-list-query";

const t = useTestDatabase(2);
const USER = randomUUID();
const before = { placedAt: new Date("2026-12-01T12:00:00.000Z"), id: randomUUID() };

/*
 * The plans of the lists' pages on a table big enough that the planner's choice means something:
 * 20,000 orders of 50 users in 7 states, many placed in the same millisecond. A page must be an
 * index scan that starts at its cursor (the row comparison is an Index Cond) and needs no sort.
 */
describe("a page of orders", () => {
  beforeAll(async () => {
    await t.db.$executeRaw`
      INSERT INTO orders (id, user_id, idempotency_key, status, reason_code, reason_message,
                          placed_at, updated_at)
      SELECT gen_random_uuid(),
             CASE WHEN g % 50 = 0 THEN ${USER}::uuid ELSE gen_random_uuid() END,
             'key-' || g,
             s.status,
             CASE WHEN s.status = 'CANCELLED' THEN 'OUT_OF_STOCK' END,
             CASE WHEN s.status = 'CANCELLED' THEN 'Sold out' END,
             ${before.placedAt}::timestamptz - (g / 5) * interval '1 millisecond',
             now()
        FROM generate_series(1, 20000) g,
             LATERAL (SELECT (enum_range(NULL::order_status))[1 + g % 7] AS status) s`;
    await t.db.$executeRaw`ANALYZE orders`;
  });

  const plan = async (filter: OrderFilter) => {
    const rows = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN ${orderListQuery(filter)}`,
    );
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  };

  it.each<[string, Omit<OrderFilter, "limit">, string]>([
    ["a shopper's", { userId: USER }, "orders_user_id_placed_at_id_idx"],
    ["the admin's, in one state", { status: "CANCELLED" }, "orders_status_placed_at_id_idx"],
    ["the admin's, every order", {}, "orders_placed_at_id_idx"],
  ])("%s is an index range from its cursor, with no sort", async (_, filter, index) => {
    const next = await plan({ ...filter, before, limit: 21 });
    expect(next).toMatch(new RegExp(`Index Scan using ${index} on orders`));
    expect(next).toMatch(/Index Cond: .*ROW\((o\.)?placed_at, (o\.)?id\) < ROW\(/);
    expect(next).not.toMatch(/Sort|Seq Scan on orders/);
    const first = await plan({ ...filter, limit: 21 });
    expect(first).toMatch(new RegExp(`Index Scan using ${index} on orders`));
    expect(first).not.toMatch(/Sort|Seq Scan on orders/);
  });
});
