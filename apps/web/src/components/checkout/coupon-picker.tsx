import Link from "next/link";
import { describeDiscount, formatMoney, type MyCoupon } from "@shop/contracts";
import { discountFor } from "@shop/kernel";
import { CouponChoice } from "./coupon-choice";
import { usable } from "./use-checkout-totals";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

interface CouponPickerProps {
  /** The shopper's coupons that are not used or expired, fitting this order or not. */
  available: MyCoupon[];
  subtotal: number;
  /** The coupon going on the order; null for none. */
  coupon: MyCoupon | null;
  onChoose: (couponId: string | null) => void;
  loaded: boolean;
  failed: boolean;
  /** Why the last attempt refused the coupon. */
  error: string | null;
}

/**
 * "No coupon" or one of the shopper's coupons, each with what it takes off this subtotal; one
 * that needs a larger order is shown, disabled, with the minimum it needs.
 */
export function CouponPicker({
  available,
  subtotal,
  coupon,
  onChoose,
  loaded,
  failed,
  error,
}: CouponPickerProps) {
  return (
    <section
      aria-labelledby="coupon-heading"
      className="rounded-2xl bg-white ring-1 ring-stone-200"
    >
      <h2 id="coupon-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
        Coupon
      </h2>
      <fieldset className="min-w-0" aria-describedby={error ? "coupon-error" : undefined}>
        <legend className="sr-only">Choose a coupon</legend>
        <div className="divide-y divide-stone-100">
          <CouponChoice
            id="no-coupon"
            checked={coupon === null}
            onChoose={() => onChoose(null)}
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
                onChoose={() => onChoose(c.id)}
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
      {loaded && available.length === 0 && (
        <p className="border-t border-stone-100 px-6 py-3 text-sm text-stone-600">
          You have no coupons to use.{" "}
          <Link href="/coupons" className="font-medium text-brand-700 hover:underline">
            Claim one
          </Link>
        </p>
      )}
      {failed && (
        <p role="alert" className="border-t border-stone-100 px-6 py-3 text-sm text-red-700">
          Your coupons could not be loaded; you can still order without one.
        </p>
      )}
      {error && (
        <p
          id="coupon-error"
          role="alert"
          className="border-t border-red-100 bg-red-50 px-6 py-3 text-sm text-red-800"
        >
          {error}
        </p>
      )}
    </section>
  );
}
