import type { Fulfilment, OrderState } from "@shop/contracts";
import { when } from "./order-format";

/** How the order travels: the carrier, its tracking number, when it shipped and arrived. */
export function FulfilmentView({
  fulfilment: f,
  state,
}: {
  fulfilment: Fulfilment;
  state: OrderState;
}) {
  const rows: [string, string, string][] = [
    ["Carrier", f.carrier ?? "—", "fulfilment-carrier"],
    ["Tracking", f.tracking ?? "—", "fulfilment-tracking"],
    ["Shipped", f.shippedAt ? when(f.shippedAt) : "Not yet", "fulfilment-shipped"],
    ["Delivered", f.deliveredAt ? when(f.deliveredAt) : "Not yet", "fulfilment-delivered"],
  ];
  return (
    <section
      aria-labelledby="delivery-heading"
      className="rounded-2xl bg-white p-6 ring-1 ring-stone-200"
      data-testid="fulfilment"
    >
      <h2 id="delivery-heading" className="mb-3 font-medium">
        Delivery
      </h2>
      {!f.shippedAt && state === "CANCELLED" ? (
        <p className="text-sm text-stone-500">Cancelled before it shipped.</p>
      ) : (
        <dl className="space-y-1.5 text-sm">
          {rows.map(([term, value, id]) => (
            <div key={term} className="flex justify-between gap-4">
              <dt className="text-stone-500">{term}</dt>
              <dd className="min-w-0 break-all text-right text-stone-900" data-testid={id}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
