import "server-only";
import { formatMoney, type MyCoupon } from "@shop/contracts";
import type { CartView } from "./cart-view";

/*
 * Three of the services' rules, restated so the shopper gets a clear refusal before the saga runs
 * instead of a cancelled order: product-service's line availability (lineShortfall in its
 * domain/availability.ts), coupon-service's use decision (decideUse in its
 * domain/redemption.ts) and payment-service's debit (canDebit in its domain/wallet.ts). The
 * services decide for good; checkout-rules.test.ts holds these copies to their answers over
 * generated carts, coupons and balances. The web app may not import the services' code, hence
 * the copy.
 */

/** Why a line cannot be ordered, with the same kinds as product-service's Shortfall. */
export type CartProblem =
  | { kind: "unavailable"; productId: string; message: string }
  | { kind: "short"; productId: string; available: number; message: string };

/**
 * The first line, in the cart's order, that cannot be ordered as it is; null when every line
 * can. A line without a product is one the shopper can no longer buy (archived or gone).
 */
export function cartProblem(cart: Pick<CartView, "lines">): CartProblem | null {
  for (const { productId, quantity, product } of cart.lines) {
    if (!product)
      return {
        kind: "unavailable",
        productId,
        message: "An item in your cart is no longer available: remove it first",
      };
    if (product.stock < quantity)
      return {
        kind: "short",
        productId,
        available: product.stock,
        message:
          product.stock === 0
            ? `${product.name} is sold out: remove it first`
            : `Only ${product.stock} left of ${product.name}: lower the quantity first`,
      };
  }
  return null;
}

/**
 * The reasons of coupon-service's RejectReason the BFF can know from the shopper's own coupons.
 * NOT_YOURS also stands for its NOT_FOUND: a coupon missing from the list is either.
 */
export type CouponReason = "NOT_YOURS" | "ALREADY_USED" | "EXPIRED" | "BELOW_MINIMUM";

export interface CouponProblem {
  reason: CouponReason;
  message: string;
}

/**
 * Why the coupon cannot go on an order of this subtotal; null when it can. `coupon` is the one
 * of that id among the shopper's own (undefined: not among them). Checked in decideUse's order.
 */
export function couponProblem(
  coupon: MyCoupon | undefined,
  subtotalCents: number,
): CouponProblem | null {
  if (!coupon) return { reason: "NOT_YOURS", message: "This coupon is not one of yours" };
  if (coupon.status === "used")
    return { reason: "ALREADY_USED", message: "This coupon was already used on another order" };
  if (coupon.status === "expired") return { reason: "EXPIRED", message: "This coupon has expired" };
  if (subtotalCents < coupon.minOrderCents)
    return {
      reason: "BELOW_MINIMUM",
      message: `This coupon needs an order of at least ${formatMoney(coupon.minOrderCents)}`,
    };
  return null;
}

/** The balance cannot pay the order's total: by how much it falls short, in words too. */
export interface BalanceProblem {
  shortByCents: number;
  message: string;
}

/**
 * Why a balance of `balanceCents` visibly cannot pay `totalCents` (what the saga's pay step will
 * ask of the wallet: the subtotal less the coupon); null when it can. A total of nothing takes
 * nothing from the wallet. The balance may still change before the payment is taken (a charge
 * in another tab, another order paid first): the saga's debit decides for good.
 */
export function balanceProblem(balanceCents: number, totalCents: number): BalanceProblem | null {
  if (totalCents <= 0 || balanceCents >= totalCents) return null;
  const shortByCents = totalCents - balanceCents;
  return {
    shortByCents,
    message: `Your balance is ${formatMoney(shortByCents)} short of the ${formatMoney(totalCents)} total: top up your wallet first`,
  };
}
