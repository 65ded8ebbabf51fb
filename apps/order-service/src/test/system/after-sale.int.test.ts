import { expect, it } from "vitest";
import type { Actor } from "@shop/contracts";
import { cancelOrder } from "../../application/cancel-order";
import { refundOrder } from "../../application/refund-order";
import { orderDeps } from "../../deps";
import { describeOn, useSagaStack } from "./saga-suite";
import {
  ADMIN,
  balanceOf,
  claimCoupon,
  couponStatus,
  createCampaign,
  createProduct,
  eventually,
  ledgerFor,
  newShopper,
  order,
  place,
  sagaLog,
  settled,
  shopper,
  stockOf,
} from "./shop";

/*
 * After the sale on the whole stack (two instances of each service, RabbitMQ): a shopper's
 * cancellation of a completed order gives back money, coupon and stock through the real
 * participants; an admin's refund waits for a payment-service that is down (pending, its
 * command re-sent at each deadline), survives the orchestrator's SIGKILL, and completes when
 * payment is back.
 */

const t = useSagaStack();

/** The order's returns as its saga holds them. */
async function returnsOf(orderId: string) {
  const saga = await orderDeps(t.stack.orderDb).store.load(orderId);
  return saga?.returns ?? [];
}

describeOn("rabbitmq")("after the sale, on the whole stack", () => {
  it("a shopper cancels a completed order: money, coupon and stock come back, once", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 10 });
    const userId = await newShopper(stack, 5_000);
    const couponId = await claimCoupon(
      stack,
      userId,
      await createCampaign(stack, { discount: { kind: "fixed", amountOffCents: 300 } }),
    );
    const orderId = await place(stack, {
      userId,
      lines: [{ productId: product.id, quantity: 2 }],
      couponId,
    });
    expect((await settled(stack, [orderId]))[0]?.status).toBe("COMPLETED");
    expect(await balanceOf(stack, userId)).toBe(3_300);

    const deps = orderDeps(stack.orderDb);
    const me: Actor = shopper(userId);
    const [first, second] = await Promise.all([
      cancelOrder(deps, me, orderId),
      cancelOrder(deps, me, orderId),
    ]);
    expect(first.ok && second.ok).toBe(true);
    const [done] = await settled(stack, [orderId], {
      until: (o) => o.status === "CANCELLED",
    });
    expect(done).toMatchObject({ status: "CANCELLED", reasonCode: "CANCELLED_BY_SHOPPER" });
    expect(await balanceOf(stack, userId)).toBe(5_000);
    expect(await stockOf(stack, product.id)).toBe(10);
    expect(await couponStatus(stack, userId, couponId)).toBe("available");
    expect((await ledgerFor(stack, [orderId])).map((e) => [e.kind, e.amountCents])).toEqual([
      ["payment", -1_700],
      ["refund", 1_700],
    ]);
  }, 90_000);

  it("a refund while payment-service is down stays pending, survives the orchestrator's SIGKILL, and completes when payment is back", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 10 });
    const userId = await newShopper(stack, 5_000);
    const orderId = await place(stack, {
      userId,
      lines: [{ productId: product.id, quantity: 3 }],
      stepTimeoutMs: 2_000,
    });
    expect((await settled(stack, [orderId]))[0]?.status).toBe("COMPLETED");
    expect(await stockOf(stack, product.id)).toBe(7);

    await stack.killAll("payment-service", "SIGKILL");
    try {
      const admin: Actor = ADMIN;
      const refund = await refundOrder(orderDeps(stack.orderDb), admin, {
        orderId,
        lines: [{ productId: product.id, quantity: 1 }],
        restock: true,
        reason: "Arrived broken",
      });
      if (!refund.ok) throw new Error(refund.error.code);
      expect(refund.value.amountCents).toBe(1_000);
      // Nobody answers: at each deadline the refund is asked again, and stays pending.
      await eventually(
        "the partial refund sent a second time",
        async () =>
          (await sagaLog(stack, orderId)).some(
            (e) => e.type === "payment.refund-part" && (e.attempt ?? 1) >= 2,
          ) || undefined,
      );
      expect((await returnsOf(orderId)).map((r) => r.status)).toEqual(["PENDING"]);
      // The orchestrator dies mid-refund, every instance, and comes back.
      await stack.killAll("order-service", "SIGKILL");
      await stack.startAll("order-service");
      expect((await returnsOf(orderId)).map((r) => r.status)).toEqual(["PENDING"]);
    } finally {
      await stack.startAll("payment-service");
    }

    const completed = await eventually("the refund completed", async () => {
      const [r] = await returnsOf(orderId);
      return r?.status === "COMPLETED" ? r : undefined;
    });
    expect(completed).toMatchObject({ amountCents: 1_000, done: { payment: true, stock: true } });
    expect(await balanceOf(stack, userId)).toBe(2_000 + 1_000);
    expect(await stockOf(stack, product.id)).toBe(8);
    expect((await ledgerFor(stack, [orderId])).map((e) => [e.kind, e.amountCents])).toEqual([
      ["payment", -3_000],
      ["refund", 1_000],
    ]);
    expect(await order(stack, orderId)).toMatchObject({ status: "COMPLETED" });
  }, 120_000);
});
