/** "850 ms", "12 s", "4 min", "3 h": how long ago or how old, at a glance. */
export function age(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** A count that may be unknown (the broker did not answer). */
export const count = (n: number | null | undefined) => (n === null || n === undefined ? "?" : n);

/** The service's short name for tables ("order-service" → "order"). */
export const serviceLabel = (name: string) => name.replace(/-service$/, "");
