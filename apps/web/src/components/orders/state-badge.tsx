import type { OrderState } from "@shop/contracts";

export const STATE_LABEL: Record<OrderState, string> = {
  PENDING: "Placed",
  STOCK_RESERVED: "Items reserved",
  COUPON_APPLIED: "Coupon applied",
  PAID: "Paid",
  COMPLETED: "Completed",
  COMPENSATING: "Cancelling",
  CANCELLED: "Cancelled",
  CANCELLING: "Being cancelled",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
};

const TONE: Record<OrderState, string> = {
  PENDING: "bg-amber-50 text-amber-900 ring-amber-200",
  STOCK_RESERVED: "bg-amber-50 text-amber-900 ring-amber-200",
  COUPON_APPLIED: "bg-amber-50 text-amber-900 ring-amber-200",
  PAID: "bg-amber-50 text-amber-900 ring-amber-200",
  COMPLETED: "bg-brand-50 text-brand-700 ring-brand-100",
  COMPENSATING: "bg-red-50 text-red-800 ring-red-200",
  CANCELLED: "bg-stone-100 text-stone-700 ring-stone-300",
  CANCELLING: "bg-red-50 text-red-800 ring-red-200",
  SHIPPED: "bg-sky-50 text-sky-800 ring-sky-200",
  DELIVERED: "bg-brand-50 text-brand-700 ring-brand-100",
};

/** An order's state as a small badge; `title` carries the state's code for admins. */
export function StateBadge({ state }: { state: OrderState }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${TONE[state]}`}
      title={state}
      data-testid="order-state"
    >
      {STATE_LABEL[state]}
    </span>
  );
}
