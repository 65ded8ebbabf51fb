import type { OrderDetail } from "@shop/contracts";
import { formatMoney } from "@shop/contracts";
import { isFinal } from "./order-format";

/**
 * An order's lines and totals. Prices are the ones stock was reserved at; before that the
 * order knows only what was asked for.
 */
export function OrderLines({ order }: { order: OrderDetail }) {
  const priced = order.subtotalCents !== null;
  return (
    <div>
      <ul className="divide-y divide-stone-100" aria-label="Items ordered">
        {order.lines.map((l) => (
          <li
            key={l.productId}
            className="flex items-center justify-between gap-4 px-6 py-3 text-sm"
            data-testid="order-line"
          >
            <div className="min-w-0">
              <p className="font-medium text-stone-900">{l.name || "Item"}</p>
              <p className="text-xs text-stone-500">
                {l.quantity} × {priced ? formatMoney(l.unitPriceCents) : "—"}
              </p>
            </div>
            <p className="font-medium tabular-nums">
              {priced ? formatMoney(l.unitPriceCents * l.quantity) : "—"}
            </p>
          </li>
        ))}
      </ul>
      <dl className="space-y-2 border-t border-stone-200 px-6 py-4 text-sm">
        <div className="flex justify-between">
          <dt className="text-stone-600">Subtotal</dt>
          <dd className="tabular-nums">{priced ? formatMoney(order.subtotalCents ?? 0) : "—"}</dd>
        </div>
        {order.couponId && (
          <div className="flex justify-between text-brand-700">
            <dt>Coupon</dt>
            <dd className="tabular-nums" data-testid="order-discount">
              {order.discountCents > 0
                ? `−${formatMoney(order.discountCents)}`
                : isFinal(order.state)
                  ? "not applied"
                  : "…"}
            </dd>
          </div>
        )}
        <div className="flex justify-between text-base font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="order-total">
            {order.totalCents !== null ? formatMoney(order.totalCents) : "—"}
          </dd>
        </div>
        {!priced && (
          <p className="text-xs text-stone-500">
            Prices are confirmed once your items are reserved.
          </p>
        )}
      </dl>
    </div>
  );
}
