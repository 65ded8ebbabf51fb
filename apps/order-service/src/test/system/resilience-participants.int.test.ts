import { expect, it } from "vitest";
import { report, describeOn, useSagaStack } from "./saga-suite";
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
  newShopper,
  order,
  place,
  reservations,
  sagaLog,
  settled,
  stockOf,
  balanceOf,
} from "./shop";

/*
 * The checkout saga when a participant dies: two instances each of product-, coupon-, payment-
 * and order-service as real processes (stack.ts); one service killed (SIGKILL, every instance)
 * until past its step's deadline. The orchestrator's deaths are
 * resilience-orchestrator.int.test.ts's, the load resilience-load.int.test.ts's.
 */

const t = useSagaStack();

describeOn("rabbitmq")("checkout saga when processes die, and under load", () => {
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
});
