import {
  exportIdOf,
  type ExportItem,
  type ExportStore,
  type PendingExport,
} from "../../../application/export-ports";

/** One export as the store keeps it (the columns of data_export). */
export interface ExportRow {
  item: ExportItem;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** The row key: the table's primary key (kind, export_id). */
export const exportKeyOf = (item: ExportItem) => `${item.kind}:${exportIdOf(item)}`;

/** The exports in memory, for use-case tests: held to the PostgreSQL store's contract suite. */
export class InMemoryExportStore implements ExportStore {
  /** By exportKeyOf. */
  readonly rows = new Map<string, ExportRow>();

  /** The row of an export, if the store has it. */
  row(item: ExportItem): ExportRow | undefined {
    return this.rows.get(exportKeyOf(item));
  }

  async record(item: ExportItem, now: Date): Promise<boolean> {
    const key = exportKeyOf(item);
    if (this.rows.has(key)) return false;
    this.rows.set(key, {
      item: structuredClone(item),
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
      item: structuredClone(r.item),
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
    for (const r of old) this.rows.delete(exportKeyOf(r.item));
    return old.length;
  }

  /** The export, if `claim` still holds its lease (as the pg store's WHERE decides). */
  private leased(claim: PendingExport) {
    const r = this.row(claim.item);
    const holds =
      r?.status === "PENDING" &&
      r.nextAttemptAt.getTime() === claim.leaseUntil.getTime() &&
      r.attempts === claim.attempts;
    return holds ? r : undefined;
  }
}
