import type { Stack } from "../src/test/system/stack";
import { STACK_SERVICES } from "../src/test/system/stack";
import type { World } from "./world";

/*
 * What must hold after the storm, read from each service's own database (plain SQL, as the
 * system tests do; no service's code), each against a figure of another service or of the run:
 * - stock: per product, initial (the run created it) = on hand (product-service) + sold (the
 *   lines of order-service's orders that completed, cancelled after it or not) − restocked
 *   (product-service's stock_restock); nothing oversold; product-service holds reservations for
 *   exactly the orders that completed, line for line (a return restocks, it does not release);
 *   and its restocks are exactly the completed returns' restocked lines (refund id, product);
 * - money: per wallet, charged (what the run charged through the API) = balance + paid −
 *   refunded (payment-service's ledger), and the wallet's balance is its ledger's sum; per
 *   shopper and per order, paid − refunded = the totals of the COMPLETED orders less their
 *   refunds (orders.refunded_cents), a cancelled order's net nothing;
 * - coupons: per campaign, coupons ≤ quantity and used ≤ issued; each used coupon is on exactly
 *   one COMPLETED order, and each COMPLETED order's coupon is used by that order; a cancelled
 *   order's coupon is not used by it;
 * - returns (returnChecks): no order refunded past its total, no payment past what it paid; no
 *   return PENDING; each completed return's money one ledger entry with its refund id; each
 *   order cancelled after completion refunded whole, holding only units refunded unrestocked.
 * Each check answers a row: what was expected, what was found, and the first offenders.
 */

export interface Check {
  readonly name: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
  /** The first offenders, for the failure's report. */
  readonly offenders?: readonly string[];
}

const money = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const n = (x: number) => x.toLocaleString("en-US");

/** A return (cancellation or refund) as order-service's saga keeps it (saga.state->'returns'). */
export interface ReturnRow {
  order_id: string;
  id: string;
  kind: "cancel" | "refund";
  status: "PENDING" | "COMPLETED" | "FAILED";
  amount: number;
  restock: boolean;
  lines: { productId: string; quantity: number; amountCents: number }[];
}

export async function returnsOf(stack: Stack): Promise<ReturnRow[]> {
  const { rows } = await stack.sql("order-service").query<ReturnRow>(
    `SELECT s.order_id, r->>'id' AS id, r->>'kind' AS kind, r->>'status' AS status,
            (r->>'amountCents')::int AS amount, (r->>'restock')::boolean AS restock,
            coalesce(r->'lines', '[]'::jsonb) AS lines
       FROM saga s, jsonb_array_elements(coalesce(s.state::jsonb->'returns', '[]'::jsonb)) r`,
  );
  return rows;
}

/** Orders whose checkout completed: COMPLETED still, or CANCELLED by a cancellation saga after. */
const COMPLETED_ONCE = `(o.status = 'COMPLETED' OR (o.status = 'CANCELLED' AND EXISTS (
    SELECT 1 FROM saga s, jsonb_array_elements(coalesce(s.state::jsonb->'returns', '[]'::jsonb)) r
     WHERE s.order_id = o.id AND r->>'kind' = 'cancel')))`;

export async function stockChecks(stack: Stack, world: World): Promise<Check[]> {
  const ids = world.products.map((p) => p.id);
  const { rows: onHand } = await stack
    .sql("product-service")
    .query<{ id: string; stock: number }>(
      "SELECT id, stock FROM product WHERE id = ANY($1::uuid[])",
      [ids],
    );
  const { rows: sold } = await stack.sql("order-service").query<{ id: string; sold: number }>(
    `SELECT l.product_id AS id, sum(l.quantity)::int AS sold
       FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE ${COMPLETED_ONCE} GROUP BY l.product_id`,
  );
  // Units back in stock: product-service's restock records, and order-service's completed
  // returns that restock, which must be the same lines (refund id, product, units).
  const { rows: restockRows } = await stack.sql("product-service").query<{
    refund_id: string;
    order_id: string;
    product_id: string;
    quantity: number;
  }>(
    `SELECT r.refund_id, r.order_id, x.product_id, x.quantity
       FROM stock_restock r, jsonb_to_recordset(r.lines::jsonb) AS x(product_id uuid, quantity int)`,
  );
  const returns = await returnsOf(stack);
  const restockedOf = new Map<string, number>();
  for (const r of restockRows)
    restockedOf.set(r.product_id, (restockedOf.get(r.product_id) ?? 0) + r.quantity);
  const restockLines = restockRows.filter((r) => r.quantity > 0);
  const restockKeys = new Set(
    restockLines.map((r) => `${r.refund_id} ${r.order_id} ${r.product_id} ×${r.quantity}`),
  );
  const returnedKeys = new Set<string>();
  for (const r of returns)
    if (r.status === "COMPLETED" && r.restock)
      for (const l of r.lines)
        if (l.quantity > 0) returnedKeys.add(`${r.id} ${r.order_id} ${l.productId} ×${l.quantity}`);
  const restockMismatched = [
    ...[...restockKeys]
      .filter((k) => !returnedKeys.has(k))
      .map((k) => `restocked, not a completed return's line: ${k}`),
    ...[...returnedKeys]
      .filter((k) => !restockKeys.has(k))
      .map((k) => `completed return's line not restocked: ${k}`),
  ];
  const stockOf = new Map(onHand.map((r) => [r.id, r.stock]));
  const soldOf = new Map(sold.map((r) => [r.id, r.sold]));
  const oversold: string[] = [];
  const unbalanced: string[] = [];
  let initial = 0;
  let left = 0;
  let out = 0;
  let back = 0;
  for (const p of world.products) {
    const stock = stockOf.get(p.id) ?? NaN;
    const s = soldOf.get(p.id) ?? 0;
    const b = restockedOf.get(p.id) ?? 0;
    initial += p.initialStock;
    left += stock;
    out += s;
    back += b;
    if (s - b > p.initialStock || !(stock >= 0))
      oversold.push(`${p.id}: ${s} sold − ${b} restocked of ${p.initialStock}, ${stock} on hand`);
    if (p.initialStock !== stock + s - b)
      unbalanced.push(
        `${p.id}: initial ${p.initialStock} ≠ ${stock} on hand + ${s} sold − ${b} restocked`,
      );
  }

  // product-service's reservations held = the lines of the orders that completed, line by line
  // (a cancellation or refund restocks; it does not release the reservation).
  /** Each row as "order product ×quantity", so the two services' sets compare. */
  const lineKeys = async (service: "product-service" | "order-service", sql: string) => {
    const { rows } = await stack
      .sql(service)
      .query<{ order_id: string; product_id: string; quantity: number }>(sql);
    return rows.map((r) => `${r.order_id} ${r.product_id} ×${r.quantity}`);
  };
  const held = await lineKeys(
    "product-service",
    `SELECT r.order_id, r.product_id, r.quantity FROM stock_reservation r
       JOIN order_stock o ON o.order_id = r.order_id WHERE o.state = 'reserved'`,
  );
  const lines = await lineKeys(
    "order-service",
    `SELECT l.order_id, l.product_id, l.quantity FROM order_lines l
       JOIN orders o ON o.id = l.order_id WHERE ${COMPLETED_ONCE}`,
  );
  const heldKeys = new Set(held);
  const completedKeys = new Set(lines);
  const mismatched = [
    ...[...heldKeys]
      .filter((k) => !completedKeys.has(k))
      .map((k) => `held, not a completed line: ${k}`),
    ...[...completedKeys]
      .filter((k) => !heldKeys.has(k))
      .map((k) => `completed line not held: ${k}`),
  ];
  return [
    {
      name: "no product oversold",
      expected: `0 of ${world.products.length} products`,
      actual: `${oversold.length} (sold ${n(out)} − restocked ${n(back)} of ${n(initial)} units)`,
      ok: oversold.length === 0,
      offenders: oversold,
    },
    {
      name: "stock conserved: initial = on hand + sold − restocked (per product)",
      expected: `${n(initial)} = on hand + sold − restocked`,
      actual: `${n(left)} + ${n(out)} − ${n(back)} = ${n(left + out - back)}; ${unbalanced.length} products off`,
      ok: unbalanced.length === 0 && left + out - back === initial,
      offenders: unbalanced,
    },
    {
      name: "reservations held = completed orders' lines",
      expected: `${n(lines.length)} lines`,
      actual: `${n(held.length)} held, ${mismatched.length} mismatched`,
      ok: mismatched.length === 0,
      offenders: mismatched,
    },
    {
      name: "restocks = completed returns' restocked lines, once each",
      expected: `${n(returnedKeys.size)} lines`,
      actual: `${n(restockKeys.size)} restocked (${n(back)} units), ${restockMismatched.length} mismatched`,
      ok: restockMismatched.length === 0 && restockKeys.size === restockLines.length,
      offenders: restockMismatched,
    },
  ];
}

export async function moneyChecks(stack: Stack, world: World): Promise<Check[]> {
  const users = world.shoppers.map((s) => s.userId);
  const { rows: wallets } = await stack.sql("payment-service").query<{
    user_id: string;
    balance: number;
    charged: number;
    paid: number;
    refunded: number;
    ledger: number;
  }>(
    `SELECT w.user_id, w.balance_cents AS balance,
            coalesce(sum(e.amount_cents) FILTER (WHERE e.kind = 'charge'), 0)::int AS charged,
            coalesce(-sum(e.amount_cents) FILTER (WHERE e.kind = 'payment'), 0)::int AS paid,
            coalesce(sum(e.amount_cents) FILTER (WHERE e.kind = 'refund'), 0)::int AS refunded,
            coalesce(sum(e.amount_cents), 0)::int AS ledger
       FROM wallet w LEFT JOIN ledger_entry e ON e.user_id = w.user_id
      WHERE w.user_id = ANY($1::uuid[]) GROUP BY w.user_id, w.balance_cents`,
    [users],
  );
  const { rows: spent } = await stack
    .sql("order-service")
    .query<{ user_id: string; total: number }>(
      `SELECT user_id, coalesce(sum(total_cents - refunded_cents), 0)::int AS total FROM orders
      WHERE status = 'COMPLETED' AND user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [users],
    );
  const walletOf = new Map(wallets.map((w) => [w.user_id, w]));
  const spentOf = new Map(spent.map((s) => [s.user_id, s.total]));
  const conserved: string[] = [];
  const netPaid: string[] = [];
  const total = { charged: 0, balance: 0, paid: 0, refunded: 0, completed: 0 };
  for (const s of world.shoppers) {
    const w = walletOf.get(s.userId) ?? {
      balance: 0,
      charged: 0,
      paid: 0,
      refunded: 0,
      ledger: 0,
    };
    const completed = spentOf.get(s.userId) ?? 0;
    total.charged += s.chargedCents;
    total.balance += w.balance;
    total.paid += w.paid;
    total.refunded += w.refunded;
    total.completed += completed;
    if (
      s.chargedCents !== w.balance + w.paid - w.refunded ||
      w.charged !== s.chargedCents ||
      w.ledger !== w.balance
    )
      conserved.push(
        `${s.userId}: charged ${s.chargedCents} (ledger ${w.charged}) ≠ balance ${w.balance} + paid ${w.paid} − refunded ${w.refunded} (ledger sum ${w.ledger})`,
      );
    if (w.paid - w.refunded !== completed)
      netPaid.push(
        `${s.userId}: paid ${w.paid} − refunded ${w.refunded} ≠ completed orders net of their refunds ${completed}`,
      );
  }
  // Per order: a completed order paid once, its total less what its refunds gave back; a
  // cancelled one (during checkout or after) paid nothing, net.
  const { rows: orderNet } = await stack.sql("payment-service").query<{
    order_id: string;
    net: number;
    payments: number;
  }>(
    `SELECT order_id, (-sum(amount_cents))::int AS net,
            count(*) FILTER (WHERE kind = 'payment')::int AS payments
       FROM ledger_entry WHERE order_id IS NOT NULL GROUP BY order_id`,
  );
  const { rows: orders } = await stack
    .sql("order-service")
    .query<{ id: string; status: string; total: number | null; refunded: number }>(
      "SELECT id, status::text, total_cents AS total, refunded_cents AS refunded FROM orders",
    );
  const netOf = new Map(orderNet.map((o) => [o.order_id, o]));
  const perOrder: string[] = [];
  for (const o of orders) {
    const paid = netOf.get(o.id);
    const expected = o.status === "COMPLETED" ? (o.total ?? NaN) - o.refunded : 0;
    if ((paid?.net ?? 0) !== expected || (paid?.payments ?? 0) > 1)
      perOrder.push(
        `${o.id} ${o.status}: net ${paid?.net ?? 0} paid in ${paid?.payments ?? 0} payments, total ${o.total}, refunded ${o.refunded}`,
      );
  }
  const known = new Set(orders.map((o) => o.id));
  for (const o of orderNet)
    if (!known.has(o.order_id)) perOrder.push(`${o.order_id}: ledger entries for no order`);
  return [
    {
      name: "money conserved: charged = balance + paid − refunded (per wallet)",
      expected: `${money(total.charged)} charged, 0 wallets off`,
      actual: `${money(total.balance)} + ${money(total.paid)} − ${money(total.refunded)} = ${money(
        total.balance + total.paid - total.refunded,
      )}; ${conserved.length} wallets off`,
      ok: conserved.length === 0 && total.charged === total.balance + total.paid - total.refunded,
      offenders: conserved,
    },
    {
      name: "paid − refunded = completed orders' totals − their refunds (per shopper, per order)",
      expected: `${money(total.completed)}, 0 off`,
      actual: `${money(total.paid - total.refunded)}; ${netPaid.length} shoppers, ${perOrder.length} orders off`,
      ok: netPaid.length === 0 && perOrder.length === 0,
      offenders: [...netPaid, ...perOrder],
    },
  ];
}

export async function couponChecks(stack: Stack, world: World): Promise<Check[]> {
  const ids = world.campaigns.map((c) => c.id);
  const { rows: campaigns } = await stack.sql("coupon-service").query<{
    id: string;
    quantity: number;
    issued: number;
    coupons: number;
    used: number;
  }>(
    `SELECT c.id, c.quantity, c.issued, count(k.id)::int AS coupons,
            count(k.used_order_id)::int AS used
       FROM campaign c LEFT JOIN coupon k ON k.campaign_id = c.id
      WHERE c.id = ANY($1::uuid[]) GROUP BY c.id`,
    [ids],
  );
  const over = campaigns
    .filter((c) => c.coupons > c.quantity || c.coupons !== c.issued || c.used > c.issued)
    .map(
      (c) => `${c.id}: ${c.coupons} coupons, ${c.issued} issued of ${c.quantity}, ${c.used} used`,
    );
  const { rows: used } = await stack
    .sql("coupon-service")
    .query<{ id: string; order_id: string }>(
      "SELECT id, used_order_id AS order_id FROM coupon WHERE used_order_id IS NOT NULL",
    );
  const { rows: withCoupon } = await stack
    .sql("order-service")
    .query<{ id: string; coupon_id: string; status: string }>(
      "SELECT id, coupon_id, status::text FROM orders WHERE coupon_id IS NOT NULL",
    );
  const orderOf = new Map(withCoupon.map((o) => [o.id, o]));
  const tied: string[] = [];
  for (const c of used) {
    const o = orderOf.get(c.order_id);
    if (!o || o.status !== "COMPLETED" || o.coupon_id !== c.id)
      tied.push(
        `coupon ${c.id} used by ${c.order_id}: ${o ? `${o.status}, coupon ${o.coupon_id}` : "no such order"}`,
      );
  }
  const usedBy = new Map(used.map((c) => [c.id, c.order_id]));
  const completedOn = new Map<string, string[]>();
  for (const o of withCoupon)
    if (o.status === "COMPLETED")
      completedOn.set(o.coupon_id, [...(completedOn.get(o.coupon_id) ?? []), o.id]);
  for (const [coupon, orderIds] of completedOn)
    if (orderIds.length !== 1 || usedBy.get(coupon) !== orderIds[0])
      tied.push(
        `coupon ${coupon} on completed orders ${orderIds.join(", ")}, used by ${usedBy.get(coupon) ?? "none"}`,
      );
  // A cancelled order's coupon is free again (restored, or never used): not used by that order.
  const cancelledCoupons = withCoupon.filter((o) => o.status === "CANCELLED");
  const stillUsed = cancelledCoupons
    .filter((o) => used.some((c) => c.id === o.coupon_id && c.order_id === o.id))
    .map((o) => `coupon ${o.coupon_id} still used by cancelled order ${o.id}`);
  const issued = campaigns.reduce((t, c) => t + c.issued, 0);
  const usedCount = campaigns.reduce((t, c) => t + c.used, 0);
  return [
    {
      name: "coupons: used ≤ issued ≤ quantity (per campaign)",
      expected: `${world.campaigns.length} campaigns, 0 over`,
      actual: `${n(usedCount)} used of ${n(issued)} issued (of ${n(
        campaigns.reduce((t, c) => t + c.quantity, 0),
      )}); ${over.length} over`,
      ok: over.length === 0 && campaigns.length === world.campaigns.length,
      offenders: over,
    },
    {
      name: "each used coupon ↔ exactly one completed order",
      expected: `${n(usedCount)} tied`,
      actual: `${n(usedCount - tied.length)} tied, ${tied.length} not`,
      ok: tied.length === 0,
      offenders: tied,
    },
    {
      name: "each coupon of a cancelled order is free",
      expected: `${n(cancelledCoupons.length)} free`,
      actual: `${n(cancelledCoupons.length - stillUsed.length)} free, ${stillUsed.length} still used`,
      ok: stillUsed.length === 0,
      offenders: stillUsed,
    },
  ];
}

/**
 * After the sale: no order refunded past what it paid (order-service's columns and
 * payment-service's payment), no return left PENDING, each completed return's money in the
 * ledger exactly once (its refund id), and each order cancelled after it completed refunded
 * whole, every unit of it back in stock or refunded without restock.
 */
export async function returnChecks(stack: Stack): Promise<Check[]> {
  const returns = await returnsOf(stack);
  const { rows: orders } = await stack.sql("order-service").query<{
    id: string;
    status: string;
    total: number | null;
    refunded: number;
    refunding: number;
    lines_left: number;
  }>(
    `SELECT o.id, o.status::text, o.total_cents AS total, o.refunded_cents AS refunded,
            o.refunding_cents AS refunding,
            (SELECT count(*) FROM order_lines l
              WHERE l.order_id = o.id AND l.refunded_quantity <> l.quantity)::int AS lines_left
       FROM orders o`,
  );
  const { rows: payments } = await stack.sql("payment-service").query<{
    order_id: string;
    status: string;
    amount: number;
    refunded: number;
    parts: number;
  }>(
    `SELECT p.order_id, p.status::text, p.amount_cents AS amount, p.refunded_cents AS refunded,
            coalesce((SELECT sum(e.amount_cents) FROM ledger_entry e
                       WHERE e.order_id = p.order_id AND e.refund_id IS NOT NULL), 0)::int AS parts
       FROM payment p`,
  );
  const { rows: entries } = await stack.sql("payment-service").query<{
    refund_id: string;
    order_id: string;
    kind: string;
    amount: number;
  }>(
    `SELECT refund_id, order_id, kind::text, amount_cents AS amount
       FROM ledger_entry WHERE refund_id IS NOT NULL`,
  );
  const returnsOfOrder = new Map<string, ReturnRow[]>();
  for (const r of returns)
    returnsOfOrder.set(r.order_id, [...(returnsOfOrder.get(r.order_id) ?? []), r]);

  const overRefunded: string[] = [];
  for (const o of orders) {
    const total = o.total ?? 0;
    const done = (returnsOfOrder.get(o.id) ?? [])
      .filter((r) => r.status === "COMPLETED")
      .reduce((t, r) => t + r.amount, 0);
    if (o.refunded + o.refunding > total || o.refunded < 0 || o.refunding < 0)
      overRefunded.push(
        `${o.id}: refunded ${o.refunded} + refunding ${o.refunding} > total ${total}`,
      );
    if (o.refunded !== done)
      overRefunded.push(`${o.id}: refunded_cents ${o.refunded} ≠ its completed returns' ${done}`);
  }
  for (const p of payments) {
    if (p.refunded > p.amount || p.refunded < 0)
      overRefunded.push(`payment ${p.order_id}: refunded ${p.refunded} > paid ${p.amount}`);
    if (p.refunded !== p.parts)
      overRefunded.push(
        `payment ${p.order_id}: refunded_cents ${p.refunded} ≠ its partial refunds in the ledger ${p.parts}`,
      );
  }

  const pending = [
    ...returns
      .filter((r) => r.status === "PENDING")
      .map((r) => `${r.order_id}: ${r.kind} ${r.id} PENDING`),
    ...orders
      .filter((o) => o.refunding !== 0 || o.status === "CANCELLING")
      .map((o) => `${o.id} ${o.status}: refunding ${o.refunding}`),
  ];

  // Each completed return's money: one refund entry with its refund id, of its amount, on its
  // order; a failed one none; no entry with a refund id of no completed return.
  const entriesOf = new Map<string, typeof entries>();
  for (const e of entries) entriesOf.set(e.refund_id, [...(entriesOf.get(e.refund_id) ?? []), e]);
  const unledgered: string[] = [];
  const byId = new Map(returns.map((r) => [r.id, r]));
  let completedReturns = 0;
  let refundedCents = 0;
  for (const r of returns) {
    const mine = entriesOf.get(r.id) ?? [];
    if (r.status === "COMPLETED") {
      completedReturns += 1;
      refundedCents += r.amount;
      const once =
        r.amount === 0
          ? mine.every((e) => e.amount === 0) && mine.length <= 1
          : mine.length === 1 &&
            mine[0]!.amount === r.amount &&
            mine[0]!.kind === "refund" &&
            mine[0]!.order_id === r.order_id;
      if (!once)
        unledgered.push(
          `${r.kind} ${r.id} of ${r.order_id}: ${r.amount} in ${mine.length} entries (${mine.map((e) => `${e.kind} ${e.amount}`).join(", ")})`,
        );
    } else if (mine.length > 0)
      unledgered.push(`${r.kind} ${r.id} ${r.status}: ${mine.length} ledger entries`);
  }
  for (const e of entries)
    if (!byId.has(e.refund_id))
      unledgered.push(`ledger refund ${e.refund_id} of ${e.order_id}: no return of that id`);

  // Cancelled after completion: refunded whole, every line refunded.
  const cancelledAfter = orders.filter(
    (o) =>
      o.status === "CANCELLED" && (returnsOfOrder.get(o.id) ?? []).some((r) => r.kind === "cancel"),
  );
  // ...and holding nothing: its units reserved − restocked = those refunded without restock.
  const { rows: stockNet } = await stack
    .sql("product-service")
    .query<{ order_id: string; held: number; restocked: number }>(
      `SELECT o.order_id,
              coalesce((SELECT sum(r.quantity) FROM stock_reservation r
                         WHERE r.order_id = o.order_id AND o.state = 'reserved'), 0)::int AS held,
              coalesce((SELECT sum(x.quantity) FROM stock_restock t,
                               jsonb_to_recordset(t.lines::jsonb) AS x(product_id uuid, quantity int)
                         WHERE t.order_id = o.order_id), 0)::int AS restocked
         FROM order_stock o`,
    );
  const netOf = new Map(stockNet.map((r) => [r.order_id, r]));
  const notWhole: string[] = [];
  for (const o of cancelledAfter) {
    const kept = (returnsOfOrder.get(o.id) ?? [])
      .filter((r) => r.status === "COMPLETED" && !r.restock)
      .reduce((t, r) => t + r.lines.reduce((u, l) => u + l.quantity, 0), 0);
    const st = netOf.get(o.id) ?? { held: 0, restocked: 0 };
    if (o.refunded !== (o.total ?? 0) || o.lines_left !== 0 || st.held - st.restocked !== kept)
      notWhole.push(
        `${o.id}: refunded ${o.refunded} of ${o.total}, ${o.lines_left} lines not wholly refunded; ` +
          `${st.held} units held − ${st.restocked} restocked ≠ ${kept} refunded without restock`,
      );
  }
  // Cancelled during checkout: nothing reserved.
  for (const o of orders)
    if (o.status === "CANCELLED" && !cancelledAfter.includes(o) && (netOf.get(o.id)?.held ?? 0) > 0)
      notWhole.push(`${o.id}: cancelled during checkout, ${netOf.get(o.id)?.held} units held`);
  const cancels = returns.filter((r) => r.kind === "cancel" && r.status === "COMPLETED").length;
  return [
    {
      name: "no order refunded past what it paid (orders, payments)",
      expected: `${n(orders.length)} orders, ${n(payments.length)} payments: 0 over`,
      actual: `${overRefunded.length} off`,
      ok: overRefunded.length === 0,
      offenders: overRefunded,
    },
    {
      name: "no return left PENDING",
      expected: `0 of ${n(returns.length)} returns`,
      actual: `${pending.length} pending`,
      ok: pending.length === 0,
      offenders: pending,
    },
    {
      name: "each completed return's money in the ledger exactly once",
      expected: `${n(completedReturns)} returns, ${money(refundedCents)}`,
      actual: `${n(entries.length)} entries, ${money(entries.reduce((t, e) => t + e.amount, 0))}; ${unledgered.length} off`,
      ok: unledgered.length === 0,
      offenders: unledgered,
    },
    {
      name: "cancelled orders hold nothing; after completion, refunded whole",
      expected: `${n(cancelledAfter.length)} cancelled after completion (${n(cancels)} cancellations)`,
      actual: `${n(cancelledAfter.length - notWhole.length)} whole, ${notWhole.length} not`,
      ok: notWhole.length === 0,
      offenders: notWhole,
    },
  ];
}

/** Unsent outbox rows in every service's database. */
export async function unsentOutbox(stack: Stack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const service of STACK_SERVICES) {
    const { rows } = await stack
      .sql(service)
      .query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL");
    counts[service] = rows[0]?.n ?? 0;
  }
  return counts;
}

/** Orders not in a terminal status, by status. */
export async function openOrders(stack: Stack): Promise<{ open: number; sample: string[] }> {
  const { rows } = await stack
    .sql("order-service")
    .query<{ id: string; status: string }>(
      "SELECT id, status::text FROM orders WHERE status NOT IN ('COMPLETED', 'CANCELLED') ORDER BY placed_at",
    );
  return { open: rows.length, sample: rows.slice(0, 10).map((r) => `${r.id} ${r.status}`) };
}

/** Returns (cancellations, refunds) not over yet, and orders still CANCELLING. */
export async function pendingReturns(stack: Stack): Promise<number> {
  const { rows } = await stack.sql("order-service").query<{ n: number }>(
    `SELECT (SELECT count(*) FROM saga s,
                    jsonb_array_elements(coalesce(s.state::jsonb->'returns', '[]'::jsonb)) r
              WHERE r->>'status' = 'PENDING')::int
          + (SELECT count(*) FROM orders WHERE refunding_cents <> 0)::int AS n`,
  );
  return rows[0]?.n ?? 0;
}

/** The orders' outcomes: "COMPLETED", "CANCELLED OUT_OF_STOCK", ... with counts. */
export async function outcomes(stack: Stack): Promise<Map<string, number>> {
  const { rows } = await stack.sql("order-service").query<{ outcome: string; n: number }>(
    `SELECT trim(status::text || ' ' || coalesce(reason_code, '')) AS outcome, count(*)::int AS n
       FROM orders GROUP BY 1 ORDER BY 2 DESC`,
  );
  return new Map(rows.map((r) => [r.outcome, r.n]));
}

/** The checks as a Markdown table (what the README shows). */
export function table(checks: readonly Check[]): string {
  const rows = [
    ["check", "expected", "actual", "ok"],
    ...checks.map((c) => [c.name, c.expected, c.actual, c.ok ? "ok" : "**VIOLATED**"]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(rows[0]!),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.slice(1).map(line),
  ].join("\n");
}
