import type { ReactNode } from "react";
import { formatMoney } from "@shop/contracts";

interface OrderTotalProps {
  subtotal: number;
  /** What the chosen coupon takes off; null without a coupon. */
  discount: number | null;
  total: number;
  /** The balance against the total, and "Place order" below it. */
  children: ReactNode;
}

/** The side panel: subtotal, the coupon's part, the total, then what pays for it. */
export function OrderTotal({ subtotal, discount, total, children }: OrderTotalProps) {
  return (
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
        {discount !== null && (
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
      {children}
    </aside>
  );
}
