/**
 * What a coupon takes off an order: a fixed amount, or a percentage with a cap. Amounts are
 * integer cents.
 */
export type Discount =
  | { kind: "fixed"; amountOffCents: number }
  | { kind: "percent"; percentOff: number; maxDiscountCents: number };

/**
 * The discount on an order of `orderAmountCents`: a percentage rounds down to the cent (the
 * shop never gives away a fraction it cannot charge), is held to its cap, and no discount is
 * ever more than the order's amount (a $5 coupon on a $3 order takes $3 off, never $5).
 */
export function discountFor(discount: Discount, orderAmountCents: number): number {
  const amount = Math.max(0, orderAmountCents);
  const off =
    discount.kind === "fixed"
      ? discount.amountOffCents
      : Math.min(Math.floor((amount * discount.percentOff) / 100), discount.maxDiscountCents);
  return Math.min(off, amount);
}
