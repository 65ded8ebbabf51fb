import type { ExportDeps } from "./export-ports";

/** Rows deleted by one statement: short enough never to hold up the export's own work. */
const BATCH = 1_000;

/**
 * Forgets the exports the data platform took more than `keepMs` ago, so the table holds what is
 * still to send, what failed, and a recent past for the operator, not every order ever placed.
 * Answers how many it forgot.
 */
export async function forgetDeliveredExports(
  deps: Pick<ExportDeps, "exports" | "clock">,
  keepMs: number,
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - keepMs);
  let forgotten = 0;
  for (;;) {
    const n = await deps.exports.forgetDelivered(before, BATCH);
    forgotten += n;
    if (n < BATCH) return forgotten;
  }
}
