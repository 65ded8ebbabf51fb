import type { OpsOverview } from "@/lib/ops";
import { age, serviceLabel } from "./format";

const OK = "bg-emerald-50 text-emerald-800 ring-emerald-200";
const BAD = "bg-red-50 text-red-800 ring-red-200";

function Probe({ status, failed }: { status: number | null; failed: Record<string, string> }) {
  const ok = status === 200;
  const failures = Object.entries(failed).map(([name, why]) => `${name} ${why}`);
  const label = ok ? "ok" : status === null ? "no answer" : `${status}`;
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${ok ? OK : BAD}`}>
      {label}
      {failures.length > 0 && ` · ${failures.join(", ")}`}
    </span>
  );
}

/** Per service: alive, ready (and what is not), its outbox, which instance's relay leads. */
export function ServicesHealth({ services }: { services: OpsOverview["services"] }) {
  return (
    <section
      aria-labelledby="services-heading"
      className="rounded-2xl bg-white ring-1 ring-stone-200"
    >
      <h2 id="services-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
        Services
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left text-sm" data-testid="ops-services">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Service</th>
              <th className="px-4 py-3 font-medium">Health</th>
              <th className="px-4 py-3 font-medium">Ready</th>
              <th className="px-4 py-3 text-right font-medium">Outbox unsent</th>
              <th className="px-4 py-3 text-right font-medium">Oldest unsent</th>
              <th className="px-4 py-3 font-medium">Relay leader</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {services.map((s) => (
              <tr key={s.name} data-testid="ops-service" data-service={s.name}>
                <td className="px-4 py-2.5 font-medium text-stone-900">{serviceLabel(s.name)}</td>
                <td className="px-4 py-2.5">
                  <Probe {...s.health} />
                </td>
                <td className="px-4 py-2.5">
                  <Probe {...s.readiness} />
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">
                  {s.ops?.outbox ? s.ops.outbox.unsent : "—"}
                  {s.ops?.outbox && s.ops.outbox.failing > 0 && (
                    <span className="ml-1 text-xs text-red-700">
                      ({s.ops.outbox.failing} failing)
                    </span>
                  )}
                </td>
                <td
                  className={`px-4 py-2.5 text-right tabular-nums ${(s.ops?.outbox?.oldestUnsentMs ?? 0) > 10_000 ? "font-semibold text-red-700" : ""}`}
                >
                  {s.ops?.outbox ? age(s.ops.outbox.oldestUnsentMs) : "—"}
                </td>
                <td className="px-4 py-2.5 font-mono text-xs text-stone-600">
                  {s.ops === null
                    ? "API did not answer"
                    : s.ops.outbox
                      ? (s.ops.outbox.relayLeader ?? "none holds the lock")
                      : "no outbox"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
