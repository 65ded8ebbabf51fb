import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { claimCouponInput, createCampaignInput, type OpenCampaign } from "@shop/contracts";
import { adminProcedure, publicProcedure, shopperProcedure } from "../trpc";

export const couponRoutes = {
  /** Open campaigns; for a signed-in shopper, also whether they hold one of each. */
  open: publicProcedure.query(async ({ ctx }): Promise<OpenCampaign[]> => {
    const user = await ctx.user();
    const services = user
      ? ctx.servicesFor({
          role: user.role,
          userId: user.id,
          ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
        })
      : ctx.services;
    return services.coupon.campaigns.listOpen.query();
  }),
  claim: shopperProcedure
    .input(claimCouponInput)
    .mutation(({ ctx, input }) => ctx.services.coupon.campaigns.claim.mutate(input)),
  mine: shopperProcedure.query(({ ctx }) => ctx.services.coupon.coupons.mine.query()),
} satisfies TRPCRouterRecord;

export const adminCouponRoutes = {
  list: adminProcedure.query(({ ctx }) => ctx.services.coupon.admin.campaigns.list.query()),
  create: adminProcedure
    .input(createCampaignInput)
    .mutation(({ ctx, input }) => ctx.services.coupon.admin.campaigns.create.mutate(input)),
} satisfies TRPCRouterRecord;
