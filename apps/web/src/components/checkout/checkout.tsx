"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describeDiscount, formatMoney, type MyCoupon } from "@shop/contracts";
import { discountFor } from "@shop/kernel";
import { newIdempotencyKey } from "@/lib/idempotency-key";
import { useTRPC } from "@/trpc/client";
import type { CartView } from "../cart/cart-cache";
import { Button } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** Whether a coupon can go on an order of this subtotal (coupon-service decides for good). */
const usable = (c: MyCoupon, subtotalCents: number) =>
  c.status === "available" && subtotalCents >= c.minOrderCents;

/**
 * The checkout: the cart's lines, a coupon to choose (with what it takes off this subtotal),
 * the total against the balance, and "Place order". The page makes one idempotency key when it
 * is shown and sends it with every attempt, so a double click or a retry places one order.
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const coupons = useQuery(trpc.coupons.mine.queryOptions());
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const [key] = useState(newIdempotencyKey);
  const [chosen, setChosen] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);

  const subtotal = cart.subtotalCents;
  const available = (coupons.data ?? []).filter((c) => c.status === "available");
  // A coupon that stopped fitting (the cart changed, or it was used elsewhere) is no choice.
  const coupon = available.find((c) => c.id === chosen && usable(c, subtotal)) ?? null;
  const discount = coupon ? discountFor(coupon.discount, subtotal) : 0;
  const total = subtotal - discount;
  const shortBy = balance.data ? Math.max(0, total - balance.data.balanceCents) : 0;

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
        setCouponError(onCoupon ?? null);
        setFormError(onCoupon ? null : (onLines ?? e.message));
        if (onLines) void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
        if (onCoupon) void queryClient.invalidateQueries({ queryKey: trpc.coupons.pathKey() });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    setCouponError(null);
    place.mutate({ idempotencyKey: key, ...(coupon ? { couponId: coupon.id } : {}) });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Checkout"
      className="grid grid-cols-1 items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="space-y-8">
        <section
          aria-labelledby="items-heading"
          className="rounded-2xl bg-white ring-1 ring-stone-200"
        >
          <div className="flex items-center justify-between border-b border-stone-200 px-6 py-4">
            <h2 id="items-heading" className="font-medium">
              Items
            </h2>
            <Link href="/cart" className="text-sm font-medium text-brand-700 hover:underline">
              Change
            </Link>
          </div>
          {cart.problems > 0 && (
            <p
              role="alert"
              className="border-b border-red-100 bg-red-50 px-6 py-3 text-sm text-red-800"
            >
              Some items can&apos;t be ordered as they are.{" "}
              <Link href="/cart" className="font-medium underline underline-offset-2">
                Fix them in your cart
              </Link>
            </p>
          )}
          <ul className="divide-y divide-stone-100" aria-label="Items to order">
            {cart.lines.map((l) => (
              <li key={l.productId} className="flex items-center gap-4 px-6 py-3 text-sm">
                <img
                  src={l.product?.image ?? "/images/placeholder.svg"}
                  alt=""
                  width={48}
                  height={48}
                  className="size-12 shrink-0 rounded-lg bg-stone-100 object-cover"
                />
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-stone-900">
                    {l.product?.name ?? "An item no longer sold"}
                  </p>
                  <p className="text-xs text-stone-500">
                    {l.quantity} × {l.product ? formatMoney(l.product.priceCents) : "—"}
                  </p>
                </div>
                <p className="font-medium tabular-nums">
                  {l.product ? formatMoney(l.product.priceCents * l.quantity) : "—"}
                </p>
              </li>
            ))}
          </ul>
        </section>

        <section
          aria-labelledby="coupon-heading"
          className="rounded-2xl bg-white ring-1 ring-stone-200"
        >
          <h2 id="coupon-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
            Coupon
          </h2>
          <fieldset className="min-w-0" aria-describedby={couponError ? "coupon-error" : undefined}>
            <legend className="sr-only">Choose a coupon</legend>
            <div className="divide-y divide-stone-100">
              <CouponChoice
                id="no-coupon"
                checked={coupon === null}
                onChoose={() => setChosen(null)}
                title="No coupon"
                detail={null}
                off={null}
              />
              {available.map((c) => {
                const fits = usable(c, subtotal);
                return (
                  <CouponChoice
                    key={c.id}
                    id={c.id}
                    checked={coupon?.id === c.id}
                    disabled={!fits}
                    onChoose={() => setChosen(c.id)}
                    title={`${describeDiscount(c.discount)} · ${c.campaignName}`}
                    detail={
                      fits
                        ? `Until ${day.format(new Date(c.validTo))}`
                        : `Needs an order of ${formatMoney(c.minOrderCents)} or more`
                    }
                    off={fits ? discountFor(c.discount, subtotal) : null}
                  />
                );
              })}
            </div>
          </fieldset>
          {coupons.isSuccess && available.length === 0 && (
            <p className="border-t border-stone-100 px-6 py-3 text-sm text-stone-600">
              You have no coupons to use.{" "}
              <Link href="/coupons" className="font-medium text-brand-700 hover:underline">
                Claim one
              </Link>
            </p>
          )}
          {coupons.isError && (
            <p role="alert" className="border-t border-stone-100 px-6 py-3 text-sm text-red-700">
              Your coupons could not be loaded; you can still order without one.
            </p>
          )}
          {couponError && (
            <p
              id="coupon-error"
              role="alert"
              className="border-t border-red-100 bg-red-50 px-6 py-3 text-sm text-red-800"
            >
              {couponError}
            </p>
          )}
        </section>
      </div>

      <aside
        aria-labelledby="total-heading"
        className="space-y-5 rounded-2xl bg-white p-6 ring-1 ring-stone-200 lg:sticky lg:top-24"
      >
        <h2 id="total-heading" className="font-medium">
          Order total
        </h2>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt className="text-stone-600">Subtotal</dt>
            <dd className="tabular-nums">{formatMoney(subtotal)}</dd>
          </div>
          {coupon && (
            <div className="flex justify-between text-brand-700">
              <dt>Coupon</dt>
              <dd className="tabular-nums" data-testid="checkout-discount">
                −{formatMoney(discount)}
              </dd>
            </div>
          )}
          <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
            <dt>Total</dt>
            <dd className="tabular-nums" data-testid="checkout-total">
              {formatMoney(total)}
            </dd>
          </div>
        </dl>
        <div className="rounded-xl bg-stone-50 px-4 py-3 text-sm ring-1 ring-stone-200">
          <div className="flex justify-between">
            <span className="text-stone-600">Your balance</span>
            <span className="font-medium tabular-nums" data-testid="checkout-balance">
              {balance.data ? formatMoney(balance.data.balanceCents) : balance.isError ? "—" : "…"}
            </span>
          </div>
          {balance.data && shortBy === 0 && (
            <div className="mt-1 flex justify-between text-stone-500">
              <span>After this order</span>
              <span className="tabular-nums">{formatMoney(balance.data.balanceCents - total)}</span>
            </div>
          )}
          {balance.isError && (
            <p role="alert" className="mt-1 text-red-700">
              Your balance could not be loaded.
            </p>
          )}
        </div>
        {shortBy > 0 && (
          <div
            className="rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="balance-short"
          >
            <p>
              Your balance is <strong className="font-semibold">{formatMoney(shortBy)}</strong>{" "}
              short. The order will be cancelled unless your balance covers it when it is paid.
            </p>
            <Link
              href="/account/wallet"
              className="mt-1 inline-block font-medium text-amber-900 underline underline-offset-2"
            >
              Charge more
            </Link>
          </div>
        )}
        {formError && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
          >
            {formError}
          </p>
        )}
        <Button
          type="submit"
          size="lg"
          className="w-full"
          busy={place.isPending}
          disabled={cart.problems > 0}
        >
          Place order
        </Button>
        <p className="text-xs text-stone-500">
          Paid from your balance. If a step fails, everything done is undone: items released, coupon
          given back, payment refunded.
        </p>
      </aside>
    </form>
  );
}

function CouponChoice({
  id,
  checked,
  disabled = false,
  onChoose,
  title,
  detail,
  off,
}: {
  id: string;
  checked: boolean;
  disabled?: boolean;
  onChoose: () => void;
  title: string;
  detail: string | null;
  off: number | null;
}) {
  return (
    <label
      htmlFor={`coupon-${id}`}
      className={`flex items-start gap-3 px-6 py-4 text-sm ${
        disabled ? "cursor-not-allowed text-stone-400" : "cursor-pointer hover:bg-stone-50"
      } ${checked ? "bg-brand-50" : ""}`}
    >
      <input
        id={`coupon-${id}`}
        type="radio"
        name="coupon"
        value={id}
        checked={checked}
        disabled={disabled}
        onChange={onChoose}
        className="mt-0.5 size-4 shrink-0 accent-brand-600"
      />
      <span className="min-w-0 flex-1">
        <span className={`block font-medium ${disabled ? "" : "text-stone-900"}`}>{title}</span>
        {detail && <span className="block text-xs text-stone-500">{detail}</span>}
      </span>
      {off !== null && (
        <span className="shrink-0 font-medium tabular-nums text-brand-700">
          −{formatMoney(off)}
        </span>
      )}
    </label>
  );
}
