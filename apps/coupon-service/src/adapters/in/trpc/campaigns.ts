import type { TRPCRouterRecord } from "@trpc/server";
import { claimCouponInput, createCampaignInput } from "@shop/contracts";
import { claimCoupon } from "../../../application/claim-coupon";
import { createCampaign } from "../../../application/create-campaign";
import { listCampaigns } from "../../../application/list-campaigns";
import { listMyCoupons } from "../../../application/list-my-coupons";
import { listOpenCampaigns } from "../../../application/list-open-campaigns";
import {
  toCampaignDto,
  toMyCouponDto,
  toNewCampaign,
  toOpenCampaignDto,
  valueOrThrow,
} from "./map";
import { adminProcedure, callerProcedure, userProcedure } from "./trpc";

/* Procedures parse input with the contract's schema and call one use case with the actor. */

export const campaignRoutes = {
  /** Open campaigns with what remains; for a signed-in caller, whether they hold one. */
  listOpen: callerProcedure.query(async ({ ctx }) =>
    (await listOpenCampaigns(ctx.deps, ctx.actor)).map(toOpenCampaignDto),
  ),
  /** A coupon of the campaign for the credential's user (never one named in the input). */
  claim: userProcedure
    .input(claimCouponInput)
    .mutation(async ({ ctx, input }) =>
      toMyCouponDto(valueOrThrow(await claimCoupon(ctx.deps, ctx.actor, input.campaignId))),
    ),
} satisfies TRPCRouterRecord;

export const couponRoutes = {
  /** The credential's user's coupons with their status. */
  mine: userProcedure.query(async ({ ctx }) =>
    valueOrThrow(await listMyCoupons(ctx.deps, ctx.actor)).map(toMyCouponDto),
  ),
} satisfies TRPCRouterRecord;

export const adminRoutes = {
  campaigns: {
    create: adminProcedure
      .input(createCampaignInput)
      .mutation(async ({ ctx, input }) =>
        toCampaignDto(
          valueOrThrow(await createCampaign(ctx.deps, ctx.actor, toNewCampaign(input))),
        ),
      ),
    /** Every campaign with issued, used and remaining counts. */
    list: adminProcedure.query(async ({ ctx }) =>
      valueOrThrow(await listCampaigns(ctx.deps, ctx.actor)).map(toCampaignDto),
    ),
  },
} satisfies TRPCRouterRecord;
