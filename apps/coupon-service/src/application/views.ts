import { phaseAt, remainingOf, type Campaign, type CampaignPhase } from "../domain/campaign";
import { couponStatus, type CouponStatus, type CouponWithCampaign } from "../domain/coupon";
import type { CampaignWithUsage } from "./ports";

/* What the use cases answer: the domain's objects with what is computed from them at `now`. */

export interface AdminCampaignView extends CampaignWithUsage {
  remaining: number;
  phase: CampaignPhase;
}

export interface OpenCampaignView extends Campaign {
  remaining: number;
  /** Whether the asking user holds one of its coupons (false for a visitor). */
  claimed: boolean;
}

export interface CouponView extends CouponWithCampaign {
  status: CouponStatus;
}

export const adminView = (c: CampaignWithUsage, now: Date): AdminCampaignView => ({
  ...c,
  remaining: remainingOf(c),
  phase: phaseAt(c, now),
});

export const couponView = (c: CouponWithCampaign, now: Date): CouponView => ({
  ...c,
  status: couponStatus(c, c.campaign, now),
});
