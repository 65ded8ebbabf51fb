import {
  exportIdOf,
  orderIdOf,
  type ExportDeps,
  type ExportKind,
  type PendingExport,
  type SendOutcome,
} from "./export-ports";

export interface ExportPolicy {
  /** Exports sent at once (claimed together). */
  batch: number;
  /** At most this many batches a run (a backlog after an outage drains over a few runs). */
  maxBatches: number;
  /** How long a claimed export is held for its send: longer than the platform's timeout. */
  leaseMs: number;
  /** The wait after the first failed send; it doubles with every failure ... */
  retryBaseMs: number;
  /** ... up to this. */
  retryMaxMs: number;
}

export const DEFAULT_EXPORT_POLICY: ExportPolicy = {
  batch: 20,
  maxBatches: 10,
  leaseMs: 60_000,
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
};

/** The wait before attempt `failures + 1`: base, 2 x base, 4 x base ... at most max. */
export function retryDelayMs(failures: number, policy: ExportPolicy): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** exponent);
}

export interface ExportRun {
  delivered: number;
  /** Unavailable: due again after their backoff. */
  retrying: number;
  refused: number;
  /**
   * Outcomes not written: the send outlived its lease and another claim has the export now
   * (whose outcome counts; the platform keeps one copy per key whoever sent it).
   */
  superseded: number;
  /** A reason the platform was unavailable, for the log (the first seen in the run). */
  unavailable?: string;
  refusals: Refusal[];
}

/** An export the platform refused: which one (its kind and id), for which order, and why. */
export interface Refusal {
  kind: ExportKind;
  exportId: string;
  orderId: string;
  reason: string;
}

/**
 * One run of the export job: claims the due exports (completed orders and order events alike) a batch at a time, sends each batch at once
 * and records every outcome (delivered; unavailable: due again after a backoff that doubles up
 * to retryMaxMs; refused: FAILED with the reason), each under the lease its claim took, so a
 * send that outlived its lease cannot overrule the instance that claimed the export after it.
 * A run stops after a batch in which the platform was unavailable: the rest waits for the next
 * run rather than time out one by one.
 */
export async function exportDueOrders(
  deps: ExportDeps,
  policy: ExportPolicy = DEFAULT_EXPORT_POLICY,
): Promise<ExportRun> {
  const run: ExportRun = { delivered: 0, retrying: 0, refused: 0, superseded: 0, refusals: [] };
  for (let i = 0; i < policy.maxBatches; i++) {
    const now = deps.clock.now();
    const due = await deps.exports.claimDue(
      now,
      policy.batch,
      new Date(now.getTime() + policy.leaseMs),
    );
    await Promise.all(due.map((pending) => sendOne(deps, policy, pending, run)));
    if (due.length < policy.batch || run.unavailable !== undefined) break;
  }
  return run;
}

async function sendOne(
  deps: ExportDeps,
  policy: ExportPolicy,
  pending: PendingExport,
  run: ExportRun,
): Promise<void> {
  const { item } = pending;
  let outcome: SendOutcome;
  try {
    outcome = await deps.platform.send(item);
  } catch (err) {
    // The port says send never throws; if an adapter does, the export is kept and retried.
    outcome = { kind: "unavailable", reason: err instanceof Error ? err.message : String(err) };
  }
  // Each outcome is written under the claim's lease: false if another claim took it meanwhile,
  // and then this send's outcome is not counted as one (the holder's is).
  const at = deps.clock.now();
  switch (outcome.kind) {
    case "delivered":
      if (await deps.exports.delivered(pending, at)) run.delivered += 1;
      else run.superseded += 1;
      return;
    case "unavailable": {
      // The platform was unavailable whoever holds the export now: the run stops either way.
      run.unavailable ??= outcome.reason;
      const failures = pending.attempts + 1;
      const next = new Date(at.getTime() + retryDelayMs(failures, policy));
      if (await deps.exports.retryLater(pending, next, outcome.reason)) run.retrying += 1;
      else run.superseded += 1;
      return;
    }
    case "refused":
      if (await deps.exports.refused(pending, at, outcome.reason)) {
        run.refused += 1;
        run.refusals.push({
          kind: item.kind,
          exportId: exportIdOf(item),
          orderId: orderIdOf(item),
          reason: outcome.reason,
        });
      } else run.superseded += 1;
      return;
  }
}
