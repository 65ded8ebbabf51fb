import type { Campaign } from "./campaign";

/** One user's coupon of one campaign. */
export interface Coupon {
  id: string;
  campaignId: string;
  userId: string;
  claimedAt: Date;
  /** The order it is on, and since when; null while it is not on one. */
  usedOrderId: string | null;
  usedAt: Date | null;
}

export interface CouponWithCampaign extends Coupon {
  campaign: Campaign;
}

export type CouponStatus = "available" | "used" | "expired";

/** Used while on an order (a restore makes it available again); expired once its campaign ended. */
export function couponStatus(
  coupon: Pick<Coupon, "usedOrderId">,
  campaign: Pick<Campaign, "validTo">,
  now: Date,
): CouponStatus {
  if (coupon.usedOrderId !== null) return "used";
  return now.getTime() >= campaign.validTo.getTime() ? "expired" : "available";
}
