import type { Discount } from "@shop/contracts";

/*
 * A copy of coupon-service's rule (apps/coupon-service/src/domain/discount.ts), so the checkout
 * page can show what each coupon would take off before the order is placed. The web app may not
 * import another app's code; discount.test.ts holds this copy to the original over many
 * generated coupons and amounts. coupon-service decides the real discount in the saga, on the
 * prices product-service reserves at.
 */

/**
 * The discount on an order of `orderAmountCents`: a percentage rounds down to the cent, is held
 * to its cap, and no discount is ever more than the order's amount.
 */
export function discountFor(discount: Discount, orderAmountCents: number): number {
  const amount = Math.max(0, orderAmountCents);
  const off =
    discount.kind === "fixed"
      ? discount.amountOffCents
      : Math.min(Math.floor((amount * discount.percentOff) / 100), discount.maxDiscountCents);
  return Math.min(off, amount);
}
