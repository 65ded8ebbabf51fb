import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { MyCoupon } from "@shop/contracts";
import { discountFor } from "@shop/kernel";
import { useTRPC } from "@/trpc/client";
import type { CartView } from "../cart/cart-cache";

/** Whether a coupon can go on an order of this subtotal (coupon-service decides for good). */
export const usable = (c: MyCoupon, subtotalCents: number) =>
  c.status === "available" && subtotalCents >= c.minOrderCents;

/**
 * What the checkout shows beside the cart: the shopper's coupons and balance, the coupon they
 * chose, and the total that makes against the balance.
 */
export function useCheckoutTotals(cart: CartView) {
  const trpc = useTRPC();
  const coupons = useQuery(trpc.coupons.mine.queryOptions());
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);

  const subtotal = cart.subtotalCents;
  const available = (coupons.data ?? []).filter((c) => c.status === "available");
  // A coupon that stopped fitting (the cart changed, or it was used elsewhere) is no choice.
  const coupon = available.find((c) => c.id === chosen && usable(c, subtotal)) ?? null;
  const discount = coupon ? discountFor(coupon.discount, subtotal) : 0;
  const total = subtotal - discount;
  const shortBy = balance.data ? Math.max(0, total - balance.data.balanceCents) : 0;

  return {
    coupons,
    balance,
    available,
    coupon,
    choose: setChosen,
    subtotal,
    discount,
    total,
    shortBy,
  };
}
