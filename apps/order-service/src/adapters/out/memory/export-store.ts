import type { ExportedOrder, ExportStore, PendingExport } from "../../../application/export-ports";

/** One export as the store keeps it (the columns of data_export). */
export interface ExportRow {
  order: ExportedOrder;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** The exports in memory, for use-case tests: held to the PostgreSQL store's contract suite. */
export class InMemoryExportStore implements ExportStore {
  readonly rows = new Map<string, ExportRow>();

  async record(order: ExportedOrder, now: Date): Promise<boolean> {
    if (this.rows.has(order.orderId)) return false;
    this.rows.set(order.orderId, {
      order: structuredClone(order),
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      deliveredAt: null,
      failedAt: null,
    });
    return true;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<PendingExport[]> {
    const due = [...this.rows.values()]
      .filter(
        (r) => r.status === "PENDING" && r.nextAttemptAt <= now && r.nextAttemptAt < leaseUntil,
      )
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    for (const r of due) r.nextAttemptAt = new Date(leaseUntil);
    return due.map((r) => ({
      order: structuredClone(r.order),
      attempts: r.attempts,
      leaseUntil: new Date(leaseUntil),
    }));
  }

  async delivered(claim: PendingExport, at: Date): Promise<boolean> {
    const r = this.leased(claim);
    if (!r) return false;
    r.status = "DELIVERED";
    r.deliveredAt = at;
    r.lastError = null;
    return true;
  }

  async retryLater(claim: PendingExport, next: Date, reason: string): Promise<boolean> {
    const r = this.leased(claim);
    if (!r) return false;
    r.attempts += 1;
    r.nextAttemptAt = next;
    r.lastError = reason.slice(0, 1_000);
    return true;
  }

  async refused(claim: PendingExport, at: Date, reason: string): Promise<boolean> {
    const r = this.leased(claim);
    if (!r) return false;
    r.status = "FAILED";
    r.failedAt = at;
    r.attempts += 1;
    r.lastError = reason.slice(0, 1_000);
    return true;
  }

  async forgetDelivered(before: Date, limit: number): Promise<number> {
    const old = [...this.rows.values()]
      .filter((r) => r.status === "DELIVERED" && r.deliveredAt! < before)
      .sort((a, b) => a.deliveredAt!.getTime() - b.deliveredAt!.getTime())
      .slice(0, limit);
    for (const r of old) this.rows.delete(r.order.orderId);
    return old.length;
  }

  /** The export, if `claim` still holds its lease (as the pg store's WHERE decides). */
  private leased(claim: PendingExport) {
    const r = this.rows.get(claim.order.orderId);
    const holds =
      r?.status === "PENDING" &&
      r.nextAttemptAt.getTime() === claim.leaseUntil.getTime() &&
      r.attempts === claim.attempts;
    return holds ? r : undefined;
  }
}
