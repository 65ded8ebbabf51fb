import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { orderCompleted } from "@shop/contracts";
import { FIXED_300, describeOn, useSagaStack } from "./saga-suite";
import type { Stack, StackTransport } from "./stack";
import {
  balanceOf,
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
  settled,
  stockOf,
} from "./shop";

/*
 * The checkout saga end to end, on either transport (checkout.int.test.ts: RabbitMQ, two
 * instances each of product-, coupon-, payment- and order-service as real processes on their
 * own databases and vhost; checkout-embedded.int.test.ts: the one embedded host process on its
 * in-memory transport; stack.ts). Orders are placed with order-service's placeOrder use case on
 * its database; everything after that is the services' own doing. Each test makes its own
 * products, shoppers and coupons.
 * Here: one order's outcomes, and each compensation; duplicated messages are
 * checkout-duplicates.int.test.ts's.
 */

// Each test states its own timeout: a saga crosses eight processes on a two-core machine (and
// vitest's default of 15 s is the services' unit tests' budget, not this).

/** The scenarios, on a stack of `transport` of the calling file's own. */
export function checkoutSuite(transport: StackTransport) {
  const t = useSagaStack(transport);
  const { completed } = t;

  describeOn(transport)(`checkout saga over real processes (${transport})`, () => {
    it("happy path with a coupon: COMPLETED, stock taken, coupon used, wallet debited by total - discount, order.completed published", async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 1_250, stock: 10 });
      const userId = await newShopper(stack, 10_000);
      const couponId = await claimCoupon(
        stack,
        userId,
        await createCampaign(stack, { discount: FIXED_300 }),
      );

      const orderId = await place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 2 }],
        couponId,
      });

      const [done] = await settled(stack, [orderId]);
      expect(done).toMatchObject({
        status: "COMPLETED",
        subtotalCents: 2_500,
        discountCents: 300,
        totalCents: 2_200,
        reasonCode: null,
      });
      expect(await stockOf(stack, product.id)).toBe(8);
      expect(await couponStatus(stack, userId, couponId)).toBe("used");
      expect(await balanceOf(stack, userId)).toBe(10_000 - 2_200);
      expect(await ledgerFor(stack, [orderId])).toEqual([
        { orderId, kind: "payment", amountCents: -2_200 },
      ]);
      expect(await commandsSent(stack, orderId)).toEqual([
        "stock.reserve",
        "coupon.use",
        "payment.pay",
        "order.completed",
      ]);
      const event = await eventually("order.completed received", async () =>
        (await completed.seen()).find((m) => m.correlationId === orderId),
      );
      expect(orderCompleted.schema.parse(event.payload)).toMatchObject({
        orderId,
        userId,
        lines: [{ productId: product.id, quantity: 2, unitPriceCents: 1_250 }],
        subtotalCents: 2_500,
        discountCents: 300,
        totalCents: 2_200,
        couponId,
      });
    }, 60_000);

    it("out of stock: CANCELLED OUT_OF_STOCK, nothing charged, coupon untouched", async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 1_000, stock: 1 });
      const userId = await newShopper(stack, 10_000);
      const couponId = await claimCoupon(
        stack,
        userId,
        await createCampaign(stack, { discount: FIXED_300 }),
      );

      const orderId = await place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 2 }],
        couponId,
      });

      const [done] = await settled(stack, [orderId]);
      expect(done).toMatchObject({ status: "CANCELLED", reasonCode: "OUT_OF_STOCK" });
      expect(done?.reasonMessage).toContain("Only 1 left");
      expect(await stockOf(stack, product.id)).toBe(1);
      expect(await balanceOf(stack, userId)).toBe(10_000);
      expect(await ledgerFor(stack, [orderId])).toEqual([]);
      expect(await couponStatus(stack, userId, couponId)).toBe("available");
      // Nothing reserved, so nothing to compensate, and the coupon never asked for.
      expect(await commandsSent(stack, orderId)).toEqual(["stock.reserve"]);
    }, 60_000);

    it("insufficient balance: CANCELLED INSUFFICIENT_BALANCE with the shortfall, stock released, coupon restored and usable again", async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 1_000, stock: 5 });
      const userId = await newShopper(stack, 2_000);
      const couponId = await claimCoupon(
        stack,
        userId,
        await createCampaign(stack, { discount: FIXED_300 }),
      );

      // 3 x $10.00 - $3.00 = $27.00 to pay, $20.00 in the wallet.
      const orderId = await place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 3 }],
        couponId,
      });

      const [done] = await settled(stack, [orderId]);
      expect(done).toMatchObject({
        status: "CANCELLED",
        reasonCode: "INSUFFICIENT_BALANCE",
        reasonMessage: "Not enough balance: charge $7.00 more",
      });
      expect(await stockOf(stack, product.id)).toBe(5);
      expect(await balanceOf(stack, userId)).toBe(2_000);
      expect(await ledgerFor(stack, [orderId])).toEqual([]);
      expect(await couponStatus(stack, userId, couponId)).toBe("available");
      expect(await commandsSent(stack, orderId)).toEqual([
        "stock.reserve",
        "coupon.use",
        "payment.pay",
        "coupon.restore",
        "stock.release",
      ]);

      // Usable again: the same coupon on a smaller order goes through.
      const next = await place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 1 }],
        couponId,
      });
      expect((await settled(stack, [next]))[0]).toMatchObject({
        status: "COMPLETED",
        totalCents: 700,
      });
      expect(await balanceOf(stack, userId)).toBe(1_300);
      expect(await stockOf(stack, product.id)).toBe(4);
    }, 60_000);

    it("invalid coupon (someone else's, or already used): CANCELLED, stock released, nothing charged", async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 800, stock: 10 });
      const campaign = await createCampaign(stack, { discount: FIXED_300 });
      const owner = await newShopper(stack, 10_000);
      const other = await newShopper(stack, 10_000);
      const ownersCoupon = await claimCoupon(stack, owner, campaign);

      // The owner uses the coupon once.
      const first = await place(stack, {
        userId: owner,
        lines: [{ productId: product.id, quantity: 1 }],
        couponId: ownersCoupon,
      });
      expect((await settled(stack, [first]))[0]?.status).toBe("COMPLETED");
      const ownerBalance = await balanceOf(stack, owner);
      const stockBefore = await stockOf(stack, product.id);

      const [notYours, alreadyUsed] = await Promise.all([
        place(stack, {
          userId: other,
          lines: [{ productId: product.id, quantity: 2 }],
          couponId: ownersCoupon,
        }),
        place(stack, {
          userId: owner,
          lines: [{ productId: product.id, quantity: 2 }],
          couponId: ownersCoupon,
        }),
      ]);

      const done = await settled(stack, [notYours, alreadyUsed]);
      expect(done.map((o) => [o.status, o.reasonCode])).toEqual([
        ["CANCELLED", "COUPON_NOT_YOURS"],
        ["CANCELLED", "COUPON_ALREADY_USED"],
      ]);
      expect(await stockOf(stack, product.id)).toBe(stockBefore);
      expect(await balanceOf(stack, other)).toBe(10_000);
      expect(await balanceOf(stack, owner)).toBe(ownerBalance);
      expect(await ledgerFor(stack, [notYours, alreadyUsed])).toEqual([]);
      for (const id of [notYours, alreadyUsed])
        expect(await commandsSent(stack, id)).toEqual([
          "stock.reserve",
          "coupon.use",
          "stock.release",
        ]);
      // A rejected use gives nothing back: the coupon stays on the owner's first order.
      expect((await couponsUsedBy(stack, [ownersCoupon])).get(ownersCoupon)).toBe(first);
    }, 60_000);

    it("each compensation runs when its step or a later one fails: release (coupon rejected), restore + release (payment refused)", async () => {
      const { stack } = t;
      const product = await createProduct(stack, { priceCents: 1_000, stock: 30 });
      const campaign = await createCampaign(stack, { discount: FIXED_300 });
      const shoppers = await Promise.all([5_000, 1_000].map((c) => newShopper(stack, c)));
      const coupons = await Promise.all(shoppers.map((u) => claimCoupon(stack, u, campaign)));
      const line = [{ productId: product.id, quantity: 2 }];

      // 1. The coupon step fails (no such coupon): the stock step is compensated.
      // 2. The payment step fails (not enough money): coupon, then stock.
      const [rejected, refused] = await Promise.all([
        place(stack, { userId: shoppers[0]!, lines: line, couponId: randomUUID() }),
        place(stack, { userId: shoppers[1]!, lines: line, couponId: coupons[1]! }),
      ]);
      const done = await settled(stack, [rejected, refused]);
      expect(done.map((o) => [o.status, o.reasonCode])).toEqual([
        ["CANCELLED", "COUPON_NOT_FOUND"],
        ["CANCELLED", "INSUFFICIENT_BALANCE"],
      ]);
      expect(await compensations(stack, rejected)).toEqual(["stock.release"]);
      expect(await compensations(stack, refused)).toEqual(["coupon.restore", "stock.release"]);
      expect(await ledgerFor(stack, [rejected, refused])).toEqual([]);
      const money = await Promise.all(shoppers.map((u) => balanceOf(stack, u)));
      expect(money).toEqual([5_000, 1_000]);
      expect(await stockOf(stack, product.id)).toBe(30);
      const used = await couponsUsedBy(stack, coupons);
      expect(coupons.map((c) => used.get(c))).toEqual([null, null]);
    }, 60_000);

    // RabbitMQ only: payment-service must be down while the orchestrator runs on, and in the
    // embedded host the two are one process.
    it.skipIf(transport === "memory")(
      "refund + restore + release when the payment comes after its step's deadline (payment-service down, then back taking one command at a time)",
      async () => {
        const { stack } = t;
        const product = await createProduct(stack, { priceCents: 1_000, stock: 30 });
        const userId = await newShopper(stack, 5_000);
        const couponId = await claimCoupon(
          stack,
          userId,
          await createCampaign(stack, { discount: FIXED_300 }),
        );
        // payment-service is down when the order is placed; one instance comes back, taking one
        // command at a time, once the saga has given up: the pay is first in its queue, then the
        // refund(s) the saga sent meanwhile.
        await stack.killAll("payment-service", "SIGKILL");
        let late: string;
        try {
          late = await place(stack, {
            userId,
            lines: [{ productId: product.id, quantity: 2 }],
            couponId,
            // Far above what the stock and coupon steps take: only the payment step may miss it.
            stepTimeoutMs: 4_000,
          });
          await eventually("the saga gave up on the payment and asked for a refund", async () =>
            (await commandsSent(stack, late)).includes("payment.refund") ? true : undefined,
          );
          expect((await order(stack, late)).status).toBe("COMPENSATING");
          await stack.start("payment-service", 0, { COMMAND_CONCURRENCY: "1" });
          await settled(stack, [late]);
        } finally {
          await stack.kill("payment-service", 0, "SIGTERM");
          await stack.startAll("payment-service");
        }
        const [done] = await settled(stack, [late]);
        expect([done?.status, done?.reasonCode]).toEqual(["CANCELLED", "PAYMENT_TIMEOUT"]);
        const lateCompensations = await compensations(stack, late);
        // The refund was re-sent until payment-service answered it, then the others in turn.
        expect(lateCompensations.slice(-2)).toEqual(["coupon.restore", "stock.release"]);
        expect(lateCompensations.slice(0, -2).every((c) => c === "payment.refund")).toBe(true);
        expect(lateCompensations.length).toBeGreaterThan(2);

        // The late payment was taken, then given back.
        expect(await ledgerFor(stack, [late])).toEqual([
          { orderId: late, kind: "payment", amountCents: -1_700 },
          { orderId: late, kind: "refund", amountCents: 1_700 },
        ]);
        expect(await balanceOf(stack, userId)).toBe(5_000);
        expect(await stockOf(stack, product.id)).toBe(30);
        expect((await couponsUsedBy(stack, [couponId])).get(couponId)).toBe(null);
      },
      120_000,
    );
  });
}

/** The compensating commands the saga sent, in order. */
const compensations = async (stack: Stack, orderId: string) =>
  (await commandsSent(stack, orderId)).filter((c) =>
    ["stock.release", "coupon.restore", "payment.refund"].includes(c),
  );
