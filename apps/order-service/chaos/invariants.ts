import type { Stack } from "../src/test/system/stack";
import { STACK_SERVICES } from "../src/test/system/stack";
import type { World } from "./world";

/*
 * What must hold after the storm, read from each service's own database (plain SQL, as the
 * system tests do; no service's code), each against a figure of another service or of the run:
 * - stock: per product, initial (the run created it) = on hand (product-service) + sold (the
 *   lines of order-service's COMPLETED orders); nothing oversold; and product-service holds
 *   reservations for exactly the completed orders, line for line;
 * - money: per wallet, charged (what the run charged through the API) = balance + paid −
 *   refunded (payment-service's ledger), and the wallet's balance is its ledger's sum; per
 *   shopper, paid − refunded = the totals of their COMPLETED orders (order-service);
 * - coupons: per campaign, coupons ≤ quantity and used ≤ issued; each used coupon is on exactly
 *   one COMPLETED order, and each COMPLETED order's coupon is used by that order.
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
      WHERE o.status = 'COMPLETED' GROUP BY l.product_id`,
  );
  const stockOf = new Map(onHand.map((r) => [r.id, r.stock]));
  const soldOf = new Map(sold.map((r) => [r.id, r.sold]));
  const oversold: string[] = [];
  const unbalanced: string[] = [];
  let initial = 0;
  let left = 0;
  let out = 0;
  for (const p of world.products) {
    const stock = stockOf.get(p.id) ?? NaN;
    const s = soldOf.get(p.id) ?? 0;
    initial += p.initialStock;
    left += stock;
    out += s;
    if (s > p.initialStock || !(stock >= 0))
      oversold.push(`${p.id}: ${s} sold of ${p.initialStock}, ${stock} on hand`);
    if (p.initialStock !== stock + s)
      unbalanced.push(`${p.id}: initial ${p.initialStock} ≠ ${stock} on hand + ${s} sold`);
  }

  // product-service's reservations held = order-service's completed orders, line by line.
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
       JOIN orders o ON o.id = l.order_id WHERE o.status = 'COMPLETED'`,
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
      actual: `${oversold.length} (sold ${n(out)} of ${n(initial)} units)`,
      ok: oversold.length === 0,
      offenders: oversold,
    },
    {
      name: "stock conserved: initial = on hand + sold (per product)",
      expected: `${n(initial)} = on hand + sold`,
      actual: `${n(left)} + ${n(out)} = ${n(left + out)}; ${unbalanced.length} products off`,
      ok: unbalanced.length === 0 && left + out === initial,
      offenders: unbalanced,
    },
    {
      name: "reservations held = completed orders' lines",
      expected: `${n(lines.length)} lines`,
      actual: `${n(held.length)} held, ${mismatched.length} mismatched`,
      ok: mismatched.length === 0,
      offenders: mismatched,
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
      `SELECT user_id, coalesce(sum(total_cents), 0)::int AS total FROM orders
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
        `${s.userId}: paid ${w.paid} − refunded ${w.refunded} ≠ completed orders ${completed}`,
      );
  }
  // Per order: a completed order paid once, its total; a cancelled one paid nothing, net.
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
    .query<{ id: string; status: string; total: number | null }>(
      "SELECT id, status::text, total_cents AS total FROM orders",
    );
  const netOf = new Map(orderNet.map((o) => [o.order_id, o]));
  const perOrder: string[] = [];
  for (const o of orders) {
    const paid = netOf.get(o.id);
    const expected = o.status === "COMPLETED" ? (o.total ?? NaN) : 0;
    if ((paid?.net ?? 0) !== expected || (paid?.payments ?? 0) > 1)
      perOrder.push(
        `${o.id} ${o.status}: net ${paid?.net ?? 0} paid in ${paid?.payments ?? 0} payments, total ${o.total}`,
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
      name: "paid − refunded = completed orders' totals (per shopper, per order)",
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
