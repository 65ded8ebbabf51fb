import { describe, expect, it } from "vitest";
import {
  claimCouponInput,
  couponRejected,
  couponRestore,
  couponUse,
  couponUsed,
  createCampaignInput,
  describeDiscount,
  MAX_COUPON_QUANTITY,
} from "./coupon";
import { createMessage, envelopeSchema } from "./messages";

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join(".")) ?? [];

const valid = {
  name: "Welcome 10% off",
  discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
  quantity: 100,
  validFrom: "2026-12-01T00:00:00.000Z",
  validTo: "2026-12-31T00:00:00.000Z",
} as const;

describe("createCampaignInput", () => {
  it("accepts a percent and a fixed campaign, the minimum defaulting to 0", () => {
    expect(createCampaignInput.parse(valid)).toEqual({ ...valid, minOrderCents: 0 });
    const fixed = { ...valid, discount: { kind: "fixed", amountOffCents: 500 }, minOrderCents: 1 };
    expect(createCampaignInput.parse(fixed)).toEqual(fixed);
  });

  it("accepts a time zone offset and trims the name", () => {
    const parsed = createCampaignInput.parse({
      ...valid,
      name: "  Spring  ",
      validFrom: "2026-12-01T09:00:00+02:00",
    });
    expect(parsed.name).toBe("Spring");
  });

  it.each([
    [{ name: " " }, "name", "Name is required"],
    [{ name: "x".repeat(121) }, "name", "Name must be at most 120 characters"],
    [{ name: "a\u0000b" }, "name", "Contains a character that is not allowed"],
    [{ quantity: 0 }, "quantity", "Quantity must be at least 1"],
    [{ quantity: -5 }, "quantity", "Quantity must be at least 1"],
    [{ quantity: 1.5 }, "quantity", "Quantity must be a whole number"],
    [{ quantity: MAX_COUPON_QUANTITY + 1 }, "quantity", "Quantity must be at most 1000000"],
    [{ minOrderCents: -1 }, "minOrderCents", "Cannot be negative"],
    [{ validFrom: "tomorrow" }, "validFrom", "Use a date and time with its time zone"],
    [{ validTo: "2026-12-31T00:00:00" }, "validTo", "Use a date and time with its time zone"],
    [{ validTo: "2026-11-30T00:00:00.000Z" }, "validTo", "End must be after the start"],
    [{ validTo: valid.validFrom }, "validTo", "End must be after the start"],
    [
      { discount: { kind: "percent", percentOff: 101, maxDiscountCents: 100 } },
      "discount.percentOff",
      "At most 100%",
    ],
    [
      { discount: { kind: "percent", percentOff: 0, maxDiscountCents: 100 } },
      "discount.percentOff",
      "At least 1%",
    ],
    [
      { discount: { kind: "percent", percentOff: 12.5, maxDiscountCents: 100 } },
      "discount.percentOff",
      "Use a whole percentage",
    ],
    [
      { discount: { kind: "percent", percentOff: 10, maxDiscountCents: 0 } },
      "discount.maxDiscountCents",
      "Must be at least 1 cent",
    ],
    [
      { discount: { kind: "fixed", amountOffCents: -100 } },
      "discount.amountOffCents",
      "Must be at least 1 cent",
    ],
    [
      { discount: { kind: "fixed", amountOffCents: 0.5 } },
      "discount.amountOffCents",
      "Use a whole number of cents",
    ],
  ])("refuses %j on %s: %s", (change, field, message) => {
    const result = createCampaignInput.safeParse({ ...valid, ...change });
    expect(fieldsOf(result)).toEqual([field]);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("refuses a discount of an unknown kind on the discount's kind", () => {
    const result = createCampaignInput.safeParse({
      ...valid,
      discount: { kind: "free", amountOffCents: 5 },
    });
    expect(fieldsOf(result)).toEqual(["discount.kind"]);
  });
});

describe("claimCouponInput", () => {
  it("needs a campaign id that is a uuid", () => {
    expect(fieldsOf(claimCouponInput.safeParse({ campaignId: "42" }))).toEqual(["campaignId"]);
  });
});

describe("describeDiscount", () => {
  it("reads as a shopper would say it", () => {
    expect(describeDiscount({ kind: "fixed", amountOffCents: 500 })).toBe("$5.00 off");
    expect(describeDiscount({ kind: "percent", percentOff: 10, maxDiscountCents: 2_000 })).toBe(
      "10% off (up to $20.00)",
    );
  });
});

describe("coupon saga messages", () => {
  const orderId = "6f0c7f4e-8d0f-4a3e-9a57-9c1b1c1f0a01";
  const couponId = "6f0c7f4e-8d0f-4a3e-9a57-9c1b1c1f0a02";
  const userId = "6f0c7f4e-8d0f-4a3e-9a57-9c1b1c1f0a03";

  it("builds valid envelopes of each type", () => {
    const use = createMessage(
      couponUse,
      { couponId, orderId, userId, orderAmountCents: 4_500 },
      { correlationId: orderId },
    );
    expect(envelopeSchema.safeParse(use).success).toBe(true);
    expect(use.type).toBe("coupon.use");
    for (const [def, payload] of [
      [couponUsed, { orderId, couponId, discountCents: 450 }],
      [couponRejected, { orderId, couponId, reason: "BELOW_MINIMUM" }],
      [couponRestore, { orderId }],
    ] as const)
      expect(def.schema.safeParse(payload).success).toBe(true);
  });

  it("refuses a use command with a fractional amount, a bad id, or an unknown reject reason", () => {
    expect(
      fieldsOf(
        couponUse.schema.safeParse({ couponId, orderId, userId: "me", orderAmountCents: 1.5 }),
      ).sort(),
    ).toEqual(["orderAmountCents", "userId"]);
    expect(
      couponRejected.schema.safeParse({ orderId, couponId, reason: "TOO_EARLY" }).success,
    ).toBe(false);
  });
});
