import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { claimCoupon } from "./claim-coupon";
import { restoreCoupon } from "./restore-coupon";
import { useCoupon } from "./use-coupon";
import {
  aCampaign,
  aCommand,
  ANN,
  BOB,
  hours,
  memoryDeps,
  type MemoryDeps,
} from "../test/fixtures";
import { valueOf } from "../test/results";
import type { UseRequest } from "../domain/redemption";
import type { CouponReply } from "./ports";

/* The saga's coupon step on the in-memory store: the rules of domain/redemption.ts end to end. */

describe("use and restore", () => {
  let deps: MemoryDeps;
  let couponId: string;
  const orderId = randomUUID();
  const use = (overrides: Partial<UseRequest> = {}): UseRequest => ({
    couponId,
    orderId,
    userId: ANN.userId!,
    orderAmountCents: 4_500,
    ...overrides,
  });
  const replyOf = (handled: { duplicate: boolean; reply?: CouponReply }) => {
    expect(handled.duplicate).toBe(false);
    return handled.reply;
  };
  const couponRow = () => deps.store.coupons.get(couponId)!;

  beforeEach(async () => {
    deps = memoryDeps();
    const campaign = aCampaign({ minOrderCents: 2_000, validTo: hours(10) });
    await deps.campaigns.insert(campaign);
    couponId = valueOf(await claimCoupon(deps, ANN, campaign.id)).id;
  });

  it("puts the coupon on the order and replies with the discount", async () => {
    const reply = replyOf(await useCoupon(deps, aCommand(orderId), use()));
    expect(reply).toEqual({ kind: "used", orderId, couponId, discountCents: 450 });
    expect(couponRow()).toMatchObject({ usedOrderId: orderId, usedAt: deps.clock.now() });
    expect(deps.store.sent.map((s) => s.reply)).toEqual([reply]);
    expect(deps.store.sent[0]?.command.correlationId).toBe(orderId);
  });

  it("a message delivered twice is handled once: the second changes and sends nothing", async () => {
    const command = aCommand(orderId);
    replyOf(await useCoupon(deps, command, use()));
    expect(await useCoupon(deps, command, use())).toEqual({ duplicate: true });
    expect(deps.store.sent).toHaveLength(1);
  });

  it("a use re-sent for the same order (a new message) gets the same reply and applies once", async () => {
    const first = replyOf(await useCoupon(deps, aCommand(orderId), use()));
    deps.clock.advance(60_000);
    const second = replyOf(
      await useCoupon(deps, aCommand(orderId), use({ orderAmountCents: 9_000 })),
    );
    expect(second).toEqual(first);
    expect(couponRow().usedAt).toEqual(hours(0));
    expect(deps.store.sent.map((s) => s.reply)).toEqual([first, first]);
  });

  it.each<[string, (d: MemoryDeps) => Partial<UseRequest> | Promise<Partial<UseRequest>>, string]>([
    ["an unknown coupon", () => ({ couponId: randomUUID() }), "NOT_FOUND"],
    ["another user's coupon", () => ({ userId: BOB.userId! }), "NOT_YOURS"],
    ["an order below the minimum", () => ({ orderAmountCents: 1_999 }), "BELOW_MINIMUM"],
    [
      "an expired coupon",
      (d) => {
        d.clock.set(hours(10));
        return {};
      },
      "EXPIRED",
    ],
  ])("rejects %s, changing nothing, and answers a re-send the same", async (_, arrange, reason) => {
    const request = use(await arrange(deps));
    const reply = replyOf(await useCoupon(deps, aCommand(orderId), request));
    expect(reply).toEqual({ kind: "rejected", orderId, couponId: request.couponId, reason });
    expect(couponRow().usedOrderId).toBeNull();
    expect(replyOf(await useCoupon(deps, aCommand(orderId), request))).toEqual(reply);
  });

  it("rejects a coupon already on another order; that order's restore frees it, but the answer stays", async () => {
    const other = randomUUID();
    replyOf(await useCoupon(deps, aCommand(other), use({ orderId: other })));
    const rejected = replyOf(await useCoupon(deps, aCommand(orderId), use()));
    expect(rejected).toEqual({ kind: "rejected", orderId, couponId, reason: "ALREADY_USED" });

    replyOf(await restoreCoupon(deps, aCommand(other), other));
    expect(couponRow().usedOrderId).toBeNull();
    // The first order was told "rejected": asking again never turns it into "used".
    expect(replyOf(await useCoupon(deps, aCommand(orderId), use()))).toEqual(rejected);
    expect(couponRow().usedOrderId).toBeNull();
  });

  it("restores a used coupon once: a second restore is a no-op with the same reply", async () => {
    replyOf(await useCoupon(deps, aCommand(orderId), use()));
    const restored = replyOf(await restoreCoupon(deps, aCommand(orderId), orderId));
    expect(restored).toEqual({ kind: "restored", orderId });
    expect(couponRow()).toMatchObject({ usedOrderId: null, usedAt: null });

    // Meanwhile the coupon goes on another order; a second restore must not take it off.
    const next = randomUUID();
    replyOf(await useCoupon(deps, aCommand(next), use({ orderId: next })));
    expect(replyOf(await restoreCoupon(deps, aCommand(orderId), orderId))).toEqual(restored);
    expect(couponRow().usedOrderId).toBe(next);
    expect(deps.store.redemptions.get(orderId)).toMatchObject({ state: "restored" });
  });

  it("a use after its order was restored is refused (ORDER_RESTORED), the coupon stays free", async () => {
    replyOf(await useCoupon(deps, aCommand(orderId), use()));
    replyOf(await restoreCoupon(deps, aCommand(orderId), orderId));
    expect(replyOf(await useCoupon(deps, aCommand(orderId), use()))).toEqual({
      kind: "rejected",
      orderId,
      couponId,
      reason: "ORDER_RESTORED",
    });
    expect(couponRow().usedOrderId).toBeNull();
  });

  it("a restore before the use: a no-op reply, and the late use is refused", async () => {
    expect(replyOf(await restoreCoupon(deps, aCommand(orderId), orderId))).toEqual({
      kind: "restored",
      orderId,
    });
    expect(deps.store.redemptions.get(orderId)).toEqual({ orderId, state: "restored-before-use" });
    expect(replyOf(await useCoupon(deps, aCommand(orderId), use()))).toEqual({
      kind: "rejected",
      orderId,
      couponId,
      reason: "ORDER_RESTORED",
    });
    expect(couponRow().usedOrderId).toBeNull();
    // The coupon is still good for another order.
    const next = randomUUID();
    expect(replyOf(await useCoupon(deps, aCommand(next), use({ orderId: next })))).toMatchObject({
      kind: "used",
    });
  });

  it("restoring a rejected order changes nothing", async () => {
    replyOf(await useCoupon(deps, aCommand(orderId), use({ orderAmountCents: 10 })));
    replyOf(await restoreCoupon(deps, aCommand(orderId), orderId));
    expect(deps.store.redemptions.get(orderId)).toMatchObject({ state: "rejected" });
  });

  it("a command whose work fails leaves nothing behind and can be handled again", async () => {
    const command = aCommand(orderId);
    const failing = {
      ...deps,
      saga: {
        handle: (ref: typeof command, work: Parameters<typeof deps.saga.handle>[1]) =>
          deps.saga.handle(ref, async (store) => {
            await work(store);
            throw new Error("database gone");
          }),
      },
    };
    await expect(useCoupon(failing, command, use())).rejects.toThrow("database gone");
    expect(couponRow().usedOrderId).toBeNull();
    expect(deps.store.redemptions.size).toBe(0);
    expect(deps.store.sent).toHaveLength(0);
    expect(replyOf(await useCoupon(deps, command, use()))).toMatchObject({ kind: "used" });
  });
});
