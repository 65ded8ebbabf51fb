import { describe, expect, it } from "vitest";
import type { CouponWithCampaign } from "./coupon";
import { decideUse, replayUse, type Redemption, type UseRequest } from "./redemption";

const NOW = new Date("2026-12-10T12:00:00.000Z");
const ANN = "00000000-0000-4000-8000-0000000000a1";
const BOB = "00000000-0000-4000-8000-0000000000b0";
const ORDER = "00000000-0000-4000-8000-0000000000c1";
const COUPON = "00000000-0000-4000-8000-0000000000d1";

const coupon = (overrides: Partial<CouponWithCampaign> = {}): CouponWithCampaign => ({
  id: COUPON,
  campaignId: "00000000-0000-4000-8000-0000000000e1",
  userId: ANN,
  claimedAt: new Date("2026-12-02T00:00:00.000Z"),
  usedOrderId: null,
  usedAt: null,
  campaign: {
    id: "00000000-0000-4000-8000-0000000000e1",
    name: "Welcome",
    discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
    quantity: 10,
    issued: 1,
    minOrderCents: 2_000,
    validFrom: new Date("2026-12-01T00:00:00.000Z"),
    validTo: new Date("2026-12-31T00:00:00.000Z"),
    createdAt: new Date("2026-11-30T00:00:00.000Z"),
  },
  ...overrides,
});

const use = (overrides: Partial<UseRequest> = {}): UseRequest => ({
  couponId: COUPON,
  orderId: ORDER,
  userId: ANN,
  orderAmountCents: 4_500,
  ...overrides,
});

describe("decideUse", () => {
  it("puts an available coupon of the order's user on the order, with its discount", () => {
    expect(decideUse(use(), coupon(), NOW)).toEqual({ kind: "use", discountCents: 450 });
    expect(decideUse(use({ orderAmountCents: 2_000 }), coupon(), NOW)).toEqual({
      kind: "use",
      discountCents: 200,
    });
  });

  it.each<[string, Parameters<typeof decideUse>, string]>([
    ["an unknown coupon", [use(), null, NOW], "NOT_FOUND"],
    ["another user's coupon", [use({ userId: BOB }), coupon(), NOW], "NOT_YOURS"],
    [
      "a coupon on another order",
      [use(), coupon({ usedOrderId: "00000000-0000-4000-8000-0000000000c2", usedAt: NOW }), NOW],
      "ALREADY_USED",
    ],
    [
      "a coupon whose campaign ended",
      [use(), coupon(), new Date("2026-12-31T00:00:00.000Z")],
      "EXPIRED",
    ],
    [
      "an order below the minimum",
      [use({ orderAmountCents: 1_999 }), coupon(), NOW],
      "BELOW_MINIMUM",
    ],
  ])("rejects %s", (_, args, reason) => {
    expect(decideUse(...args)).toEqual({ kind: "reject", reason });
  });

  it("checks ownership before anything else it could reveal", () => {
    const usedAndEnded = coupon({ usedOrderId: ORDER, usedAt: NOW });
    expect(decideUse(use({ userId: BOB }), usedAndEnded, new Date("2027-01-01"))).toEqual({
      kind: "reject",
      reason: "NOT_YOURS",
    });
  });
});

describe("replayUse", () => {
  it("answers a use again with what the first one got", () => {
    const used: Redemption = {
      orderId: ORDER,
      state: "used",
      couponId: COUPON,
      discountCents: 450,
    };
    expect(replayUse(used, use())).toEqual({
      kind: "used",
      orderId: ORDER,
      couponId: COUPON,
      discountCents: 450,
    });
    const rejected: Redemption = {
      orderId: ORDER,
      state: "rejected",
      couponId: COUPON,
      reason: "EXPIRED",
    };
    expect(replayUse(rejected, use())).toEqual({
      kind: "rejected",
      orderId: ORDER,
      couponId: COUPON,
      reason: "EXPIRED",
    });
  });

  it("refuses a use after the order was restored, whether or not a use came first", () => {
    for (const record of [
      { orderId: ORDER, state: "restored", couponId: COUPON, discountCents: 450 },
      { orderId: ORDER, state: "restored-before-use" },
    ] satisfies Redemption[])
      expect(replayUse(record, use())).toEqual({
        kind: "rejected",
        orderId: ORDER,
        couponId: COUPON,
        reason: "ORDER_RESTORED",
      });
  });
});
