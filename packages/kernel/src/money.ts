/*
 * Money as every part of the shop shows and computes it: one currency, integer cents. The
 * services' messages, the storefront and the data platform's page all format with this one.
 */

/** The shop sells in one currency. Amounts everywhere are integer minor units (cents). */
export const CURRENCY = "USD" as const;

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY });

/** 123456 -> "$1,234.56"; a negative amount keeps its sign ("-$5.00"). */
export function formatMoney(cents: number): string {
  return usd.format(cents / 100);
}

/**
 * What a coupon takes off an order: a fixed amount, or a percentage with a cap. Amounts are
 * integer cents. (The contracts' zod schema for a discount infers this same shape.)
 */
export type Discount =
  | { kind: "fixed"; amountOffCents: number }
  | { kind: "percent"; percentOff: number; maxDiscountCents: number };

/**
 * The discount on an order of `orderAmountCents`: a percentage rounds down to the cent (the
 * shop never gives away a fraction it cannot charge), is held to its cap, and no discount is
 * ever more than the order's amount (a $5 coupon on a $3 order takes $3 off, never $5).
 * coupon-service decides with it in the saga; the checkout page shows it before the order.
 */
export function discountFor(discount: Discount, orderAmountCents: number): number {
  const amount = Math.max(0, orderAmountCents);
  const off =
    discount.kind === "fixed"
      ? discount.amountOffCents
      : Math.min(Math.floor((amount * discount.percentOff) / 100), discount.maxDiscountCents);
  return Math.min(off, amount);
}
