import { formatMoney, type OrderDetail, type RefundView } from "@shop/contracts";
import { when } from "./order-format";

const KIND: Record<RefundView["kind"], string> = { cancel: "Cancellation", refund: "Refund" };

const STATE: Record<RefundView["state"], { label: string; tone: string }> = {
  PENDING: { label: "Pending", tone: "bg-amber-50 text-amber-900 ring-amber-200" },
  COMPLETED: { label: "Refunded", tone: "bg-brand-50 text-brand-700 ring-brand-100" },
  FAILED: { label: "Failed", tone: "bg-red-50 text-red-800 ring-red-200" },
};

/**
 * Where the order's money went: what was paid, what came back so far, and each cancellation or
 * refund with its amount, its lines, its state (a pending one says so) and why.
 */
export function MoneyTrail<R extends RefundView>({
  order: o,
  requester,
}: {
  order: Pick<OrderDetail, "totalCents" | "refundedCents" | "lines" | "timeline"> & {
    refunds: R[];
  };
  /** Who asked for a refund: the admin's page names them; the shopper's has no need to. */
  requester?: (refund: R) => string;
}) {
  const pay = o.timeline.find((s) => s.step === "pay");
  const paid = pay?.status === "done" ? (o.totalCents ?? 0) : null;
  const nameOf = (productId: string) =>
    o.lines.find((l) => l.productId === productId)?.name || "Item";
  return (
    <section
      aria-labelledby="money-heading"
      className="rounded-2xl bg-white ring-1 ring-stone-200"
      data-testid="money-trail"
    >
      <h2 id="money-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
        Money
      </h2>
      <dl className="space-y-2 px-6 py-4 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">Paid from your balance</dt>
          <dd className="tabular-nums" data-testid="money-paid">
            {paid === null ? "Nothing yet" : formatMoney(paid)}
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">Refunded so far</dt>
          <dd className="font-medium tabular-nums" data-testid="money-refunded">
            {formatMoney(o.refundedCents)}
          </dd>
        </div>
      </dl>
      {o.refunds.length > 0 && (
        <ol className="divide-y divide-stone-100 border-t border-stone-200" aria-label="Refunds">
          {o.refunds.map((r) => (
            <li
              key={r.id}
              id={`refund-${r.id}`}
              className="scroll-mt-24 space-y-2 px-6 py-4 text-sm"
              data-testid="refund"
              data-kind={r.kind}
              data-state={r.state}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-stone-900">{KIND[r.kind]}</span>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATE[r.state].tone}`}
                    data-testid="refund-state"
                  >
                    {STATE[r.state].label}
                  </span>
                </div>
                <span className="font-medium tabular-nums" data-testid="refund-amount">
                  {formatMoney(r.amountCents)}
                </span>
              </div>
              <ul className="space-y-0.5 text-stone-600" aria-label="Refunded items">
                {r.lines.map((l) => (
                  <li key={l.productId} className="flex justify-between gap-4">
                    <span className="min-w-0 break-words">
                      {l.quantity} × {nameOf(l.productId)}
                    </span>
                    <span className="shrink-0 tabular-nums">{formatMoney(l.amountCents)}</span>
                  </li>
                ))}
              </ul>
              <p className="break-words text-stone-700" data-testid="refund-reason">
                <span className="text-stone-500">Why: </span>
                {r.reason}
              </p>
              <p className="text-xs text-stone-500">
                Asked <time dateTime={r.requestedAt}>{when(r.requestedAt)}</time>
                {requester ? ` by ${requester(r)}` : ""}
                {r.completedAt && (
                  <>
                    {" · "}
                    {r.state === "FAILED" ? "failed" : "done"}{" "}
                    <time dateTime={r.completedAt}>{when(r.completedAt)}</time>
                  </>
                )}
                {r.restock ? " · items put back in stock" : ""}
              </p>
              {r.state === "PENDING" && (
                <p className="text-xs text-amber-800">The money is on its way back.</p>
              )}
              {r.failure && (
                <p className="text-xs font-medium text-red-700" data-testid="refund-failure">
                  {r.failure}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
