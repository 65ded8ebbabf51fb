import { adminRoutes, campaignRoutes, couponRoutes } from "./campaigns";
import { opsRoutes, router } from "./trpc";

export const couponServiceRouter = router({
  ops: opsRoutes,
  campaigns: campaignRoutes,
  coupons: couponRoutes,
  admin: adminRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type CouponServiceRouter = typeof couponServiceRouter;
