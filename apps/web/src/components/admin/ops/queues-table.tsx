import type { OpsOverview } from "@/lib/ops";
import { count, serviceLabel } from "./format";

/** Every queue as the broker counts it, with its dead-letter queue and the dead letters held. */
export function QueuesTable({ services }: { services: OpsOverview["services"] }) {
  const queues = services.flatMap((s) =>
    (s.ops?.queues ?? []).map((q) => ({ ...q, service: s.name })),
  );
  const problems = services.flatMap((s) => s.ops?.problems ?? []);
  return (
    <section
      aria-labelledby="queues-heading"
      className="rounded-2xl bg-white ring-1 ring-stone-200"
    >
      <h2 id="queues-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
        Queues
      </h2>
      {problems.length > 0 && (
        <p
          role="alert"
          className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-sm text-amber-900"
        >
          {problems.join(" · ")}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left text-sm" data-testid="ops-queues">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Queue</th>
              <th className="px-4 py-3 font-medium">Consumed by</th>
              <th className="px-4 py-3 text-right font-medium">Waiting</th>
              <th className="px-4 py-3 text-right font-medium">Consumers</th>
              <th className="px-4 py-3 text-right font-medium">In its DLQ</th>
              <th className="px-4 py-3 text-right font-medium">Dead letters held</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {queues.map((q) => (
              <tr key={q.name} data-testid="ops-queue" data-queue={q.name}>
                <td className="px-4 py-2.5 font-mono text-xs text-stone-900">{q.name}</td>
                <td className="px-4 py-2.5 text-stone-700">{serviceLabel(q.service)}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{count(q.messages)}</td>
                <td
                  className={`px-4 py-2.5 text-right tabular-nums ${q.consumers === 0 ? "font-semibold text-red-700" : ""}`}
                >
                  {count(q.consumers)}
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">
                  {count(q.deadLetterQueue.messages)}
                </td>
                <td
                  className={`px-4 py-2.5 text-right tabular-nums ${q.deadLettersHeld > 0 ? "font-semibold text-red-700" : ""}`}
                  data-testid="ops-queue-held"
                >
                  {q.deadLettersHeld}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {queues.length === 0 && (
        <p className="px-6 py-6 text-sm text-stone-500">No queue answered.</p>
      )}
    </section>
  );
}
