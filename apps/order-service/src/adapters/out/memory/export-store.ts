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
      .filter((r) => r.status === "PENDING" && r.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    for (const r of due) r.nextAttemptAt = leaseUntil;
    return due.map((r) => ({ order: structuredClone(r.order), attempts: r.attempts }));
  }

  async delivered(orderId: string, at: Date): Promise<void> {
    const r = this.pending(orderId);
    if (!r) return;
    r.status = "DELIVERED";
    r.deliveredAt = at;
    r.lastError = null;
  }

  async retryLater(orderId: string, next: Date, reason: string): Promise<void> {
    const r = this.pending(orderId);
    if (!r) return;
    r.attempts += 1;
    r.nextAttemptAt = next;
    r.lastError = reason.slice(0, 1_000);
  }

  async refused(orderId: string, at: Date, reason: string): Promise<void> {
    const r = this.pending(orderId);
    if (!r) return;
    r.status = "FAILED";
    r.failedAt = at;
    r.attempts += 1;
    r.lastError = reason.slice(0, 1_000);
  }

  async forgetDelivered(before: Date, limit: number): Promise<number> {
    const old = [...this.rows.values()]
      .filter((r) => r.status === "DELIVERED" && r.deliveredAt! < before)
      .sort((a, b) => a.deliveredAt!.getTime() - b.deliveredAt!.getTime())
      .slice(0, limit);
    for (const r of old) this.rows.delete(r.order.orderId);
    return old.length;
  }

  private pending(orderId: string) {
    const r = this.rows.get(orderId);
    return r?.status === "PENDING" ? r : undefined;
  }
}
