import { Prisma } from "../../../generated/prisma/client";
import type { OrderFilter, OrderSummaryRecord } from "../../../application/ports";
import type { Db } from "./client";

/*
 * A page of the order lists, in SQL: Prisma's query builder cannot say `(placed_at, id) < ($1,
 * $2)`, and its spelled-out OR (`placed_at < $1 OR (placed_at = $1 AND id < $2)`) is no index
 * range: the scan would start at the newest order and filter its way down to the cursor. The row
 * comparison is one: each filter has an index ending in (placed_at DESC, id DESC) (migration
 * 20261207090000), so a page starts at its cursor and stops after LIMIT rows, with no sort.
 */

function whereOf(filter: OrderFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.userId) conditions.push(Prisma.sql`o.user_id = ${filter.userId}::uuid`);
  if (filter.status) conditions.push(Prisma.sql`o.status = ${filter.status}::order_status`);
  if (filter.before)
    conditions.push(
      Prisma.sql`(o.placed_at, o.id) < (${filter.before.placedAt}::timestamptz, ${filter.before.id}::uuid)`,
    );
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

export function orderListQuery(filter: OrderFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id::text AS id, o.user_id::text AS "userId", o.status::text AS status,
           o.coupon_id::text AS "couponId", o.subtotal_cents AS "subtotalCents",
           o.discount_cents AS "discountCents", o.total_cents AS "totalCents",
           o.reason_code AS "reasonCode", o.reason_message AS "reasonMessage",
           o.placed_at AS "placedAt", o.completed_at AS "completedAt",
           o.refunded_cents AS "refundedCents",
           (SELECT coalesce(sum(l.quantity), 0)::int FROM order_lines l WHERE l.order_id = o.id)
             AS "itemCount"
      FROM orders o
      ${whereOf(filter)}
     ORDER BY o.placed_at DESC, o.id DESC
     LIMIT ${filter.limit}`;
}

export function findOrders(db: Db, filter: OrderFilter): Promise<OrderSummaryRecord[]> {
  return db.$queryRaw<OrderSummaryRecord[]>(orderListQuery(filter));
}
