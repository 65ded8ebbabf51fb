import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderCompleted } from "@shop/contracts";
import {
  balances,
  claimCoupon,
  commandsSent,
  couponStatus,
  couponsUsedBy,
  createCampaign,
  createProduct,
  eventually,
  ledgerFor,
  mapConcurrently,
  newShopper,
  order,
  orders,
  place,
  reservations,
  sagaLog,
  settled,
  stockOf,
  balanceOf,
  tap,
  type Tap,
} from "./shop";
import { useStack } from "./use-stack";

/*
 * The checkout saga when processes die, and under load: two instances each of product-,
 * coupon-, payment- and order-service as real processes (stack.ts). A participant killed past
 * its deadline, the orchestrator killed mid-saga, and 500 shoppers at once for 100 items.
 */

const t = useStack({ instances: 2 });
let completed: Tap;

beforeAll(async () => {
  // Every order.completed published, seen on a queue of the test's own.
  completed = await tap(t.stack, [orderCompleted]);
});
afterAll(async () => {
  await completed?.close();
});

const TERMINAL = new Set(["COMPLETED", "CANCELLED"]);
/** The long-outage test: steps time out after STEP_MS; the orchestrator is away AWAY_MS. */
const STEP_MS = 3_000;
const AWAY_MS = 8_000;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function report(line: string) {
  // eslint-disable-next-line no-console -- the figures are part of what these tests show
  console.log(line);
}

describe("checkout saga when processes die, and under load", () => {
  it("payment-service down past the deadline (SIGKILL): the saga compensates, re-sending the refund until payment is back; the late pay is handled, and the order ends CANCELLED PAYMENT_TIMEOUT with stock, coupon and wallet as before", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 10 });
    const userId = await newShopper(stack, 5_000);
    const couponId = await claimCoupon(
      stack,
      userId,
      await createCampaign(stack, { discount: { kind: "fixed", amountOffCents: 300 } }),
    );

    await stack.killAll("payment-service", "SIGKILL");
    let orderId: string;
    try {
      orderId = await place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 2 }],
        couponId,
        // Far above what the stock and coupon steps take, even on a busy machine: only the
        // payment step, whose participant is down, may miss it.
        stepTimeoutMs: 5_000,
      });
      // Past the deadline the saga gives up on the payment and asks for a refund, again at
      // each deadline while nobody answers.
      await eventually(
        "the refund sent a second time",
        async () =>
          (await sagaLog(stack, orderId)).some(
            (e) => e.type === "payment.refund" && (e.attempt ?? 1) >= 2,
          ) || undefined,
      );
      const log = await sagaLog(stack, orderId);
      expect(log.some((e) => e.kind === "deadline" && e.type === "payment")).toBe(true);
      // Compensations run in reverse, one at a time: until the refund is answered, the coupon
      // and the stock stay with the order (which is COMPENSATING, not cancelled yet).
      expect((await order(stack, orderId)).status).toBe("COMPENSATING");
      expect(await stockOf(stack, product.id)).toBe(8);
      expect(await couponStatus(stack, userId, couponId)).toBe("used");
    } finally {
      await stack.startAll("payment-service");
    }

    const [done] = await settled(stack, [orderId]);
    expect(done).toMatchObject({ status: "CANCELLED", reasonCode: "PAYMENT_TIMEOUT" });
    expect(await stockOf(stack, product.id)).toBe(10);
    expect(await couponStatus(stack, userId, couponId)).toBe("available");
    expect(await balanceOf(stack, userId)).toBe(5_000);
    // The pay waiting in the queue was either taken and refunded, or refused because a refund
    // came first (two instances compete for the queue): never taken for good.
    const ledger = await ledgerFor(stack, [orderId]);
    const { rows } = await stack
      .sql("payment-service")
      .query<{ status: string }>("SELECT status FROM payment WHERE order_id = $1", [orderId]);
    const outcomes = {
      "paid, then refunded": {
        status: "refunded",
        ledger: [
          { orderId, kind: "payment", amountCents: -1_700 },
          { orderId, kind: "refund", amountCents: 1_700 },
        ],
      },
      "refused (the refund came first)": { status: "cancelled", ledger: [] },
    };
    expect(Object.values(outcomes)).toContainEqual({ status: rows[0]?.status, ledger });
    report(
      `payment down: the late pay was ${
        Object.entries(outcomes).find(([, o]) => o.status === rows[0]?.status)?.[0]
      }`,
    );
  }, 120_000);

  it("product-service, then coupon-service, down past their deadline: STOCK_TIMEOUT and COUPON_TIMEOUT, the compensation that may overtake its late command is honoured, nothing kept and nothing charged", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 10 });
    const campaign = await createCampaign(stack, {
      discount: { kind: "fixed", amountOffCents: 300 },
    });
    const users = [await newShopper(stack, 5_000), await newShopper(stack, 5_000)];
    const coupons = await Promise.all(users.map((u) => claimCoupon(stack, u, campaign)));
    const orderOf = (i: number) => ({
      userId: users[i]!,
      lines: [{ productId: product.id, quantity: 2 }],
      couponId: coupons[i]!,
      stepTimeoutMs: 3_000,
    });
    /** Waits until the saga has sent `compensation` twice: its participant is down. */
    const retried = (orderId: string, compensation: string) =>
      eventually(
        `${compensation} sent a second time`,
        async () =>
          (await sagaLog(stack, orderId)).some(
            (e) => e.type === compensation && (e.attempt ?? 1) >= 2,
          ) || undefined,
      );

    // The stock step: its reserve and the releases wait in product-service's queue; whichever
    // of the two instances takes what first, the release wins (a late reserve is refused).
    await stack.killAll("product-service", "SIGKILL");
    let stockLate: string;
    try {
      stockLate = await place(stack, orderOf(0));
      await retried(stockLate, "stock.release");
    } finally {
      await stack.startAll("product-service");
    }
    // The coupon step: stock is reserved; the use and the restores wait for coupon-service.
    await stack.killAll("coupon-service", "SIGKILL");
    let couponLate: string;
    try {
      couponLate = await place(stack, orderOf(1));
      await retried(couponLate, "coupon.restore");
      // Compensations run one at a time, in reverse: the stock is held until the coupon's
      // restore is answered.
      expect((await order(stack, couponLate)).status).toBe("COMPENSATING");
      expect(await stockOf(stack, product.id)).toBe(8);
    } finally {
      await stack.startAll("coupon-service");
    }

    const done = await settled(stack, [stockLate, couponLate]);
    expect(done.map((o) => [o.status, o.reasonCode])).toEqual([
      ["CANCELLED", "STOCK_TIMEOUT"],
      ["CANCELLED", "COUPON_TIMEOUT"],
    ]);
    expect(await stockOf(stack, product.id)).toBe(10);
    expect((await reservations(stack, [stockLate, couponLate])).map((r) => r?.state)).toEqual([
      "released",
      "released",
    ]);
    const used = await couponsUsedBy(stack, coupons);
    expect(coupons.map((c) => used.get(c))).toEqual([null, null]);
    for (const [i, u] of users.entries())
      expect(await couponStatus(stack, u, coupons[i]!)).toBe("available");
    expect(await balances(stack, users)).toEqual(
      new Map([
        [users[0], 5_000],
        [users[1], 5_000],
      ]),
    );
    expect(await ledgerFor(stack, [stockLate, couponLate])).toEqual([]);
    expect(await commandsSent(stack, stockLate)).not.toContain("coupon.use");
    expect(await commandsSent(stack, couponLate)).not.toContain("payment.pay");
  }, 120_000);

  it("the orchestrator killed mid-saga (SIGKILL, both instances) and restarted: every order ends, and stock, wallets and coupons match the COMPLETED orders only", async () => {
    const { stack } = t;
    const scarce = await createProduct(stack, { priceCents: 700, stock: 25 });
    const plenty = await createProduct(stack, { priceCents: 300, stock: 1_000 });
    const campaign = await createCampaign(stack, {
      discount: { kind: "fixed", amountOffCents: 200 },
    });
    // 60 shoppers: every fourth cannot pay, every other one holds a coupon, and the scarce
    // product is asked for more than twice over.
    const shoppers = await mapConcurrently(
      Array.from({ length: 60 }, (_, i) => i),
      10,
      async (i) => {
        const charged = i % 4 === 3 ? 500 : 10_000;
        const userId = await newShopper(stack, charged);
        const couponId = i % 2 === 0 ? await claimCoupon(stack, userId, campaign) : null;
        const lines =
          i % 3 === 0
            ? [
                { productId: scarce.id, quantity: 2 },
                { productId: plenty.id, quantity: 1 },
              ]
            : i % 3 === 1
              ? [{ productId: scarce.id, quantity: 1 }]
              : [{ productId: plenty.id, quantity: 3 }];
        return { userId, charged, couponId, lines };
      },
    );
    const stockBefore = {
      [scarce.id]: await stockOf(stack, scarce.id),
      [plenty.id]: await stockOf(stack, plenty.id),
    };
    const placeFor = (s: (typeof shoppers)[number]) =>
      place(stack, { userId: s.userId, lines: s.lines, couponId: s.couponId });

    const first = await mapConcurrently(shoppers.slice(0, 40), 12, placeFor);
    await eventually(
      "some sagas under way",
      async () => (await orders(stack, first)).some((o) => o.status !== "PENDING") || undefined,
    );
    await stack.killAll("order-service", "SIGKILL");
    const atKill = await orders(stack, first);
    const inFlight = atKill.filter((o) => !TERMINAL.has(o.status)).length;
    // Placed while no orchestrator runs: they wait in the outbox.
    const second = await mapConcurrently(shoppers.slice(40), 12, placeFor);
    await stack.startAll("order-service");

    const ids = [...first, ...second];
    const all = await settled(stack, ids, { timeoutMs: 60_000 });
    const byReason = countBy(all, (o) => `${o.status}${o.reasonCode ? ` ${o.reasonCode}` : ""}`);
    report(
      `orchestrator kill: ${inFlight} of 40 sagas in flight at the kill; outcomes ${JSON.stringify(byReason)}`,
    );
    expect(inFlight).toBeGreaterThan(0);
    const isCompleted = new Map(all.map((o) => [o.id, o.status === "COMPLETED"]));
    const done = all.filter((o) => o.status === "COMPLETED");
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(all.length);

    // Stock: what the completed orders took, nothing else; product-service holds a
    // reservation for exactly the completed orders.
    for (const product of [scarce, plenty]) {
      const taken = sum(
        shoppers.flatMap((s, i) =>
          isCompleted.get(ids[i]!)
            ? s.lines.filter((l) => l.productId === product.id).map((l) => l.quantity)
            : [],
        ),
      );
      expect(await stockOf(stack, product.id), product.name).toBe(stockBefore[product.id]! - taken);
    }
    const records = await reservations(stack, ids);
    ids.forEach((id, i) =>
      expect(records[i]?.state === "reserved", `order ${id}`).toBe(isCompleted.get(id)),
    );

    // Money: each completed order paid its total once; a cancelled one nets zero.
    const ledger = await ledgerFor(stack, ids);
    for (const o of all) {
      const net = sum(ledger.filter((e) => e.orderId === o.id).map((e) => e.amountCents));
      expect(net, `order ${o.id} ${o.status}`).toBe(o.status === "COMPLETED" ? -o.totalCents! : 0);
    }
    const wallets = await balances(
      stack,
      shoppers.map((s) => s.userId),
    );
    shoppers.forEach((s, i) => {
      const o = all[i]!;
      const spent = o.status === "COMPLETED" ? o.totalCents! : 0;
      expect(wallets.get(s.userId), `shopper of ${o.id}`).toBe(s.charged - spent);
      if (o.status === "COMPLETED")
        expect(o.totalCents).toBe(o.subtotalCents! - (s.couponId ? 200 : 0));
    });

    // Coupons: on the completed orders, free otherwise.
    const withCoupon = shoppers.flatMap((s, i) => (s.couponId ? [{ s, id: ids[i]! }] : []));
    const used = await couponsUsedBy(
      stack,
      withCoupon.map((c) => c.s.couponId!),
    );
    for (const { s, id } of withCoupon)
      expect(used.get(s.couponId!), `coupon of ${id}`).toBe(isCompleted.get(id) ? id : null);

    // order.completed for each completed order (at least once: a relay killed between the
    // publish and its commit publishes again), and for no other.
    await eventually("order.completed for every completed order", async () => {
      const seen = new Set(completed.received.map((m) => m.correlationId));
      return done.every((o) => seen.has(o.id)) || undefined;
    });
    const cancelled = new Set(all.filter((o) => o.status === "CANCELLED").map((o) => o.id));
    expect(completed.received.filter((m) => cancelled.has(m.correlationId))).toEqual([]);
  }, 180_000);

  it("the orchestrator away longer than a step's deadline (SIGKILL, both instances, 3 s deadlines, 8 s away): every order that could complete completes; none is cancelled for the time it was away", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 400, stock: 1_000 });
    const shoppers = await mapConcurrently(
      Array.from({ length: 40 }, (_, i) => i),
      10,
      () => newShopper(stack, 10_000),
    );
    const placeFor = (userId: string) =>
      place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 2 }],
        stepTimeoutMs: STEP_MS,
      });

    const first = await mapConcurrently(shoppers.slice(0, 30), 10, placeFor);
    await eventually(
      "some sagas under way",
      async () => (await orders(stack, first)).some((o) => o.status !== "PENDING") || undefined,
    );
    await stack.killAll("order-service", "SIGKILL");
    const inFlight = (await orders(stack, first)).filter((o) => !TERMINAL.has(o.status)).length;
    // Placed while no orchestrator runs: their first command waits in the outbox.
    const second = await mapConcurrently(shoppers.slice(30), 10, placeFor);
    // Away well past every deadline: the participants' replies wait in the queue meanwhile.
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    await stack.startAll("order-service");

    const ids = [...first, ...second];
    const all = await settled(stack, ids, { timeoutMs: 60_000 });
    const byOutcome = countBy(all, (o) => `${o.status}${o.reasonCode ? ` ${o.reasonCode}` : ""}`);
    const logs = await Promise.all(ids.map((id) => sagaLog(stack, id)));
    const resumed = logs.filter((log) => log.some((e) => e.kind === "resume")).length;
    report(
      `orchestrator away ${AWAY_MS / 1000} s with ${STEP_MS / 1000} s deadlines: ${inFlight} of 30 in flight at the kill, 10 placed while away; ${resumed} resumed; outcomes ${JSON.stringify(byOutcome)}`,
    );
    expect(inFlight).toBeGreaterThan(0);
    expect(byOutcome).toEqual({ COMPLETED: 40 });
    // Each paid once, and the stock taken once per order, whatever was asked again.
    const ledger = await ledgerFor(stack, ids);
    expect(ledger.map((e) => e.kind)).toEqual(ids.map(() => "payment"));
    expect(-sum(ledger.map((e) => e.amountCents))).toBe(40 * 800);
    expect(await stockOf(stack, product.id)).toBe(1_000 - 40 * 2);
    // No step was given up on: the time away was not held against a participant.
    expect(logs.flat().filter((e) => e.kind === "deadline")).toEqual([]);
  }, 180_000);

  it("500 shoppers at once for 100 items, 2 instances of every service: exactly 100 COMPLETED, 400 CANCELLED OUT_OF_STOCK, stock 0, debits = completed totals", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 100 });
    const shoppers = await mapConcurrently(
      Array.from({ length: 500 }, (_, i) => i),
      25,
      () => newShopper(stack, 5_000),
    );

    const started = performance.now();
    // All 500 sagas run at once; the placing (one transaction each, as order-service's API
    // will) is bounded by the test's pool. The deadline is generous: this test is about who
    // gets the items, not about timeouts.
    const ids = await mapConcurrently(shoppers, 16, (userId) =>
      place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 1 }],
        stepTimeoutMs: 120_000,
      }),
    );
    const placedMs = performance.now() - started;
    const all = await settled(stack, ids, { timeoutMs: 240_000 });
    const settledMs = performance.now() - started;
    report(
      `500 concurrent checkouts of 100 items: placed in ${Math.round(placedMs)} ms, all settled in ${Math.round(
        settledMs,
      )} ms (${Math.round((500 / settledMs) * 1000)} orders/s)`,
    );

    const done = all.filter((o) => o.status === "COMPLETED");
    expect(countBy(all, (o) => `${o.status} ${o.reasonCode ?? ""}`.trim())).toEqual({
      COMPLETED: 100,
      "CANCELLED OUT_OF_STOCK": 400,
    });
    expect(await stockOf(stack, product.id)).toBe(0);
    const ledger = await ledgerFor(stack, ids);
    expect(ledger.every((e) => e.kind === "payment")).toBe(true);
    expect(-sum(ledger.map((e) => e.amountCents))).toBe(sum(done.map((o) => o.totalCents!)));
    expect(new Set(ledger.map((e) => e.orderId))).toEqual(new Set(done.map((o) => o.id)));
    const wallets = await balances(stack, shoppers);
    const paid = new Set(done.map((o) => o.userId));
    for (const userId of shoppers)
      expect(wallets.get(userId)).toBe(paid.has(userId) ? 4_000 : 5_000);
  }, 420_000);
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
