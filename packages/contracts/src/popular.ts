import { z } from "zod";
import type { Product } from "./product";

/*
 * product-service's query side for the storefront's "Popular now" and the admin's analytics:
 * units sold in completed orders over the last `days` calendar days (today included) in the
 * shop's time zone (POPULAR_WINDOW_DAYS, SHOP_TIME_ZONE; 3 days, UTC by default).
 */

export const POPULAR_MAX = 5;

export const popularProductsInput = z
  .object({ limit: z.int().min(1).max(POPULAR_MAX).default(POPULAR_MAX) })
  .default({ limit: POPULAR_MAX });
export type PopularProductsInput = z.input<typeof popularProductsInput>;

export interface SalesWindowInfo {
  days: number;
  timeZone: string;
  /** The window's first and last day, "YYYY-MM-DD", in its time zone. */
  from: string;
  to: string;
}

export interface PopularProduct {
  /** 1 for the best seller. */
  rank: number;
  /** Net of cancellations and refunds: sold less returned (after-sale). */
  unitsSold: number;
  /** Net the same way, at the prices sold (before any coupon). */
  revenueCents: number;
  /** What cancellations and refunds took off (admin analytics; absent on the storefront). */
  returnedUnits?: number;
  returnedRevenueCents?: number;
  product: Product;
}

export interface PopularProducts {
  window: SalesWindowInfo;
  /** Most units first (ties by product id); active products only, for anyone but an admin. */
  items: PopularProduct[];
}

export interface SalesAnalytics extends PopularProducts {
  /** Every day of the window, oldest first: units of each top product (keyed by id; 0 if none). */
  series: { day: string; units: Record<string, number> }[];
}
