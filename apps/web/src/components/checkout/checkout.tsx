"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { CartView } from "../cart/cart-cache";
import { shopErrorOf } from "../ui/shop-error";
import { BalancePanel } from "./balance-panel";
import { CouponPicker } from "./coupon-picker";
import { OrderItems } from "./order-items";
import { OrderTotal } from "./order-total";
import { PlaceOrderButton } from "./place-order-button";
import { useCheckoutTotals } from "./use-checkout-totals";
import { usePlaceOrder } from "./use-place-order";

/**
 * The checkout: the cart's lines, a coupon to choose (with what it takes off this subtotal),
 * the total against the balance, and "Place order" (use-place-order.ts: one order however
 * often it is pressed).
 */
export function Checkout() {
  const trpc = useTRPC();
  const cart = useQuery(trpc.cart.get.queryOptions());
  const [placed, setPlaced] = useState(false);

  if (placed)
    return (
      <p
        role="status"
        className="rounded-2xl bg-white px-6 py-10 text-center ring-1 ring-stone-200"
      >
        Order placed. Taking you to it…
      </p>
    );
  if (cart.isError)
    return (
      <p
        role="alert"
        className="rounded-2xl bg-white px-6 py-10 text-center text-red-700 ring-1 ring-stone-200"
      >
        Your cart could not be loaded. {shopErrorOf(cart.error).message}
      </p>
    );
  if (!cart.data)
    return <div className="h-64 animate-pulse rounded-2xl bg-white ring-1 ring-stone-200" />;
  if (cart.data.lines.length === 0)
    return (
      <div className="flex flex-col items-center rounded-2xl bg-white px-6 py-16 text-center ring-1 ring-stone-200">
        <p className="font-medium text-stone-900">Your cart is empty</p>
        <p className="mt-1 text-sm text-stone-600">Add something to your cart to check out.</p>
        <Link
          href="/products"
          className="mt-6 rounded-full bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Browse the shop
        </Link>
      </div>
    );
  return <CheckoutForm cart={cart.data} onPlaced={() => setPlaced(true)} />;
}

function CheckoutForm({ cart, onPlaced }: { cart: CartView; onPlaced: () => void }) {
  const totals = useCheckoutTotals(cart);
  const place = usePlaceOrder(totals.coupon, onPlaced);

  return (
    <form
      onSubmit={place.submit}
      noValidate
      aria-label="Checkout"
      className="grid grid-cols-1 items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="space-y-8">
        <OrderItems cart={cart} />
        <CouponPicker
          available={totals.available}
          subtotal={totals.subtotal}
          coupon={totals.coupon}
          onChoose={totals.choose}
          loaded={totals.coupons.isSuccess}
          failed={totals.coupons.isError}
          error={place.couponError}
        />
      </div>
      <OrderTotal
        subtotal={totals.subtotal}
        discount={totals.coupon ? totals.discount : null}
        total={totals.total}
      >
        <BalancePanel
          balanceCents={totals.balance.data?.balanceCents}
          failed={totals.balance.isError}
          total={totals.total}
          shortBy={totals.shortBy}
        />
        <PlaceOrderButton
          // A balance refusal, once the page has read the cart and balance again, is the panel's.
          error={place.balanceShort && totals.shortBy > 0 ? null : place.formError}
          pending={place.pending}
          blocked={cart.problems > 0 || totals.shortBy > 0}
          balanceShort={place.balanceShort}
        />
      </OrderTotal>
    </form>
  );
}
