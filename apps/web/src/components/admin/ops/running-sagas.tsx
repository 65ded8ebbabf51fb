import Link from "next/link";
import type { RunningSagasView } from "@shop/contracts";
import { instant, orderNumber } from "../../orders/order-format";
import { age } from "./format";

/** The sagas not terminal yet, oldest first: a stuck one is at the top. */
export function RunningSagas({ sagas, at }: { sagas: RunningSagasView | null; at: string }) {
  const now = Date.parse(at);
  return (
    <section aria-labelledby="sagas-heading" className="rounded-2xl bg-white ring-1 ring-stone-200">
      <div className="flex items-baseline justify-between border-b border-stone-200 px-6 py-4">
        <h2 id="sagas-heading" className="font-medium">
          Sagas not terminal
        </h2>
        <p className="text-xs text-stone-500" data-testid="ops-sagas-total">
          {sagas === null ? "order-service did not answer" : `${sagas.total} running`}
        </p>
      </div>
      {sagas && sagas.sagas.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="ops-sagas">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
              <tr>
                <th className="px-4 py-3 font-medium">Order</th>
                <th className="px-4 py-3 font-medium">State</th>
                <th className="px-4 py-3 font-medium">Awaiting</th>
                <th className="px-4 py-3 font-medium">Deadline</th>
                <th className="px-4 py-3 text-right font-medium">Age</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {sagas.sagas.map((s) => {
                const overdue = s.deadline !== null && Date.parse(s.deadline) < now;
                return (
                  <tr key={s.orderId} data-testid="ops-saga">
                    <td className="px-4 py-2.5">
                      <Link
                        href={`/admin/orders/${s.orderId}`}
                        className="font-mono text-xs text-brand-700 hover:underline"
                      >
                        {orderNumber(s.orderId)}
                      </Link>
                    </td>
                    <td className="px-4 py-2.5 font-mono text-xs">{s.status}</td>
                    <td className="px-4 py-2.5 text-stone-700">{s.step ?? "—"}</td>
                    <td
                      className={`px-4 py-2.5 font-mono text-xs ${overdue ? "font-semibold text-red-700" : "text-stone-600"}`}
                    >
                      {s.deadline ? `${instant(s.deadline)}${overdue ? " (passed)" : ""}` : "—"}
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums">
                      {age(now - Date.parse(s.placedAt))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        sagas && <p className="px-6 py-6 text-sm text-stone-500">Every saga has finished.</p>
      )}
    </section>
  );
}
