import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { MyCoupon } from "@shop/contracts";
import { newIdempotencyKey } from "@/lib/idempotency-key";
import { useTRPC } from "@/trpc/client";
import { shopErrorOf } from "../ui/shop-error";

/**
 * "Place order": one idempotency key made when the page is shown and sent with every attempt,
 * so a double click or a retry places one order. A refusal is shown where it belongs: on the
 * coupon, or for the whole order.
 */
export function usePlaceOrder(coupon: MyCoupon | null, onPlaced: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [key] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  const [balanceShort, setBalanceShort] = useState(false);

  const place = useMutation(
    trpc.orders.place.mutationOptions({
      onSuccess: ({ orderId }) => {
        onPlaced();
        // The order took the cart: the header shows 0 at once; the cart is re-read when shown.
        queryClient.setQueryData(trpc.cart.count.queryKey(), 0);
        void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey(), refetchType: "none" });
        void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
        router.push(`/orders/${orderId}`);
      },
      onError: (error) => {
        const e = shopErrorOf(error);
        const onCoupon = e.fieldErrors.couponId?.[0];
        const onLines = e.fieldErrors.lines?.[0];
        const onBalance = e.fieldErrors.balance?.[0];
        setCouponError(onCoupon ?? null);
        setBalanceShort(!onCoupon && !onLines && !!onBalance);
        setFormError(onCoupon ? null : (onLines ?? onBalance ?? e.message));
        // What was refused changed since the page read it: read it again.
        // A balance refused against a total the page may not show yet (the cart grew elsewhere).
        if (onLines || onBalance)
          void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
        if (onCoupon) void queryClient.invalidateQueries({ queryKey: trpc.coupons.pathKey() });
        if (onBalance) void queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    setCouponError(null);
    setBalanceShort(false);
    place.mutate({ idempotencyKey: key, ...(coupon ? { couponId: coupon.id } : {}) });
  }

  return { submit, pending: place.isPending, formError, couponError, balanceShort };
}
