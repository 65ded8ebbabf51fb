import Link from "next/link";
import { formatMoney } from "@shop/contracts";
import type { CartView } from "../cart/cart-cache";

/** The cart's lines as they will be ordered, with a way back to the cart to change them. */
export function OrderItems({ cart }: { cart: CartView }) {
  return (
    <section aria-labelledby="items-heading" className="rounded-2xl bg-white ring-1 ring-stone-200">
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
  );
}
