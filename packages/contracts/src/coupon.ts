import type { Discount as KernelDiscount } from "@shop/kernel";
import { z } from "zod";
import { defineMessage } from "./messages";
import { formatMoney, MAX_PRICE_CENTS } from "./money";
import { text } from "./text";

/*
 * Coupons: what the BFF sends coupon-service over tRPC, what it answers, and the saga's
 * commands and replies over RabbitMQ. coupon-service's domain checks the same rules again (its
 * tests hold the two to the same answers: campaign-rules-agree.test.ts).
 */

export const MAX_COUPON_QUANTITY = 1_000_000;
export const CAMPAIGN_NAME_MAX = 120;

/** Ids are uuids everywhere; the messages reuse these. */
export const campaignId = z.uuid("Not a valid campaign id");
export const couponId = z.uuid("Not a valid coupon id");

export const campaignName = text()
  .trim()
  .min(1, "Name is required")
  .max(CAMPAIGN_NAME_MAX, `Name must be at most ${CAMPAIGN_NAME_MAX} characters`);

const discountCents = z
  .int("Use a whole number of cents")
  .min(1, "Must be at least 1 cent")
  .max(MAX_PRICE_CENTS, "Is too high");

/**
 * A fixed amount off, or a percentage off with a cap in cents. A discount never exceeds the
 * order's amount; percentages round down to the cent (the kernel's discountFor, which both
 * coupon-service and the checkout page apply). The schema infers the kernel's Discount.
 */
export const discountSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), amountOffCents: discountCents }),
  z.object({
    kind: z.literal("percent"),
    percentOff: z.int("Use a whole percentage").min(1, "At least 1%").max(100, "At most 100%"),
    maxDiscountCents: discountCents,
  }),
]) satisfies z.ZodType<KernelDiscount>;
export type Discount = z.infer<typeof discountSchema>;

/** "$5.00 off", "10% off (up to $5.00)". */
export function describeDiscount(d: Discount): string {
  return d.kind === "fixed"
    ? `${formatMoney(d.amountOffCents)} off`
    : `${d.percentOff}% off (up to ${formatMoney(d.maxDiscountCents)})`;
}

const instant = z.iso.datetime({ offset: true, error: "Use a date and time with its time zone" });

/**
 * An admin's new campaign. Its window is [validFrom, validTo): coupons are claimed and used
 * from validFrom until just before validTo.
 */
export const createCampaignInput = z
  .object({
    name: campaignName,
    discount: discountSchema,
    quantity: z
      .int("Quantity must be a whole number")
      .min(1, "Quantity must be at least 1")
      .max(MAX_COUPON_QUANTITY, `Quantity must be at most ${MAX_COUPON_QUANTITY}`),
    validFrom: instant,
    validTo: instant,
    minOrderCents: z
      .int("Use a whole number of cents")
      .min(0, "Cannot be negative")
      .max(MAX_PRICE_CENTS, "Is too high")
      .default(0),
  })
  .refine(
    (c) => {
      const [from, to] = [Date.parse(c.validFrom), Date.parse(c.validTo)];
      // An unreadable date is reported on its own field only.
      return Number.isNaN(from) || Number.isNaN(to) || to > from;
    },
    { path: ["validTo"], message: "End must be after the start" },
  );
export type CreateCampaignInput = z.input<typeof createCampaignInput>;

export const campaignPhases = ["upcoming", "open", "ended"] as const;
export type CampaignPhase = (typeof campaignPhases)[number];

/** A campaign as an admin sees it: with how many coupons were issued and used. */
export const campaignSchema = z.object({
  id: campaignId,
  name: z.string(),
  discount: discountSchema,
  quantity: z.int(),
  issued: z.int(),
  used: z.int(),
  remaining: z.int(),
  minOrderCents: z.int(),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  phase: z.enum(campaignPhases),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** An open campaign as a shopper sees it; `claimed` is whether the caller holds one of its coupons. */
export const openCampaignSchema = z.object({
  id: campaignId,
  name: z.string(),
  discount: discountSchema,
  quantity: z.int(),
  remaining: z.int(),
  minOrderCents: z.int(),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  claimed: z.boolean(),
});
export type OpenCampaign = z.infer<typeof openCampaignSchema>;

export const claimCouponInput = z.object({ campaignId });
export type ClaimCouponInput = z.input<typeof claimCouponInput>;

/** available: can go on an order; used: on an order now; expired: its campaign ended unused. */
export const couponStatuses = ["available", "used", "expired"] as const;
export type CouponStatus = (typeof couponStatuses)[number];

/** One of the caller's coupons. */
export const myCouponSchema = z.object({
  id: couponId,
  campaignId,
  campaignName: z.string(),
  discount: discountSchema,
  minOrderCents: z.int(),
  validTo: z.iso.datetime(),
  claimedAt: z.iso.datetime(),
  status: z.enum(couponStatuses),
  usedAt: z.iso.datetime().nullable(),
});
export type MyCoupon = z.infer<typeof myCouponSchema>;

/* ---- The checkout saga's coupon step (RabbitMQ) ---- */

/** An order's total before the discount; far above any real order, small enough for exact math. */
export const MAX_ORDER_AMOUNT_CENTS = 1_000_000_000_000;

const orderId = z.uuid("Not a valid order id");

/**
 * Apply a coupon to an order. Sent by the order service's saga. `userId` is the user the order
 * service took from the verified internal credential when the order was placed, never a value
 * a client supplied: coupon-service refuses a coupon that is not that user's (NOT_YOURS).
 * Idempotent per orderId: every use command for one order gets the reply the first one got.
 * Replies: couponUsed or couponRejected.
 */
export const couponUse = defineMessage({
  type: "coupon.use",
  version: 1,
  payload: z.object({
    couponId,
    orderId,
    userId: z.uuid("Not a valid user id"),
    orderAmountCents: z
      .int("Use a whole number of cents")
      .min(0, "Cannot be negative")
      .max(MAX_ORDER_AMOUNT_CENTS, "Is too high"),
  }),
});

/** The coupon is on the order: take `discountCents` (never more than the order's amount) off. */
export const couponUsed = defineMessage({
  type: "coupon.used",
  version: 1,
  payload: z.object({ orderId, couponId, discountCents: z.int().min(0) }),
});

/**
 * Why a coupon cannot go on an order:
 * - NOT_FOUND: no such coupon;
 * - NOT_YOURS: the coupon belongs to another user than the order's;
 * - ALREADY_USED: it is on another order;
 * - EXPIRED: its campaign has ended;
 * - BELOW_MINIMUM: the order's amount is under the campaign's minimum;
 * - ORDER_RESTORED: a restore for this order came first (the saga already compensated it), so
 *   no coupon will be used for it.
 */
export const couponRejectReasons = [
  "NOT_FOUND",
  "NOT_YOURS",
  "ALREADY_USED",
  "EXPIRED",
  "BELOW_MINIMUM",
  "ORDER_RESTORED",
] as const;
export type CouponRejectReason = (typeof couponRejectReasons)[number];

export const couponRejected = defineMessage({
  type: "coupon.rejected",
  version: 1,
  payload: z.object({ orderId, couponId, reason: z.enum(couponRejectReasons) }),
});

/**
 * Compensation: give back the coupon used for this order. It never fails for a business
 * reason: restoring twice restores once, and restoring an order that used nothing is a no-op
 * that also makes any later use command for that order rejected (ORDER_RESTORED).
 * Reply: couponRestored.
 */
export const couponRestore = defineMessage({
  type: "coupon.restore",
  version: 1,
  payload: z.object({ orderId }),
});

export const couponRestored = defineMessage({
  type: "coupon.restored",
  version: 1,
  payload: z.object({ orderId }),
});
