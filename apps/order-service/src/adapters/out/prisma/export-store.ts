import { prepared } from "@shop/messaging";
import type { Prisma } from "../../../generated/prisma/client";
import {
  exportIdOf,
  type ExportedOrder,
  type ExportedOrderEvent,
  type ExportItem,
  type ExportStore,
  type PendingExport,
} from "../../../application/export-ports";
import type { Db } from "./client";

/*
 * The exports on PostgreSQL (table data_export): completed orders and order events in one table,
 * a row's kind telling them apart and the payload column holding what is sent (ExportedOrder or
 * ExportedOrderEvent). Each method is one statement: the primary key (kind, export id: the order
 * id or the event id) makes a second record a no-op, the claim locks and leases due rows in one
 * UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED), and every outcome changes only a row
 * still PENDING under the lease its claim took (next_attempt_at and attempts as the claim left
 * them): a send that outlived its lease finds the row moved on and writes nothing.
 */

const RECORD =
  prepared(`INSERT INTO data_export (kind, export_id, payload, next_attempt_at, created_at)
  VALUES ($1, $2::uuid, $3::jsonb, $4, $4)
  ON CONFLICT (kind, export_id) DO NOTHING`);

/** What is sent, as the payload column holds it. */
const payloadOf = (item: ExportItem) => (item.kind === "order" ? item.order : item.event);

/** A row back as the export it holds. */
function itemOf(kind: string, payload: unknown): ExportItem {
  if (kind === "order") return { kind, order: payload as ExportedOrder };
  if (kind === "order-event") return { kind, event: payload as ExportedOrderEvent };
  // The table's CHECK (data_export_kind_known) allows no other.
  throw new Error(`data_export holds an export of unknown kind ${kind}`);
}

export class PrismaExportStore implements ExportStore {
  constructor(private readonly db: Db) {}

  async record(item: ExportItem, now: Date): Promise<boolean> {
    // On the pool under Prisma (db.sql): every checkout records one.
    const { rowCount } = await this.db.sql.query({
      ...RECORD,
      values: [item.kind, exportIdOf(item), JSON.stringify(payloadOf(item)), now],
    });
    return rowCount === 1;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<PendingExport[]> {
    // `next_attempt_at < leaseUntil`: a claim moves a lease forward only, so a later claim of
    // an export never holds the lease an earlier one held (what the outcomes check).
    const rows = await this.db.$queryRaw<
      { kind: string; payload: unknown; attempts: number; lease_until: Date }[]
    >`
      UPDATE data_export e
         SET next_attempt_at = ${leaseUntil}
        FROM (SELECT kind, export_id FROM data_export
               WHERE status = 'PENDING' AND next_attempt_at <= ${now}
                 AND next_attempt_at < ${leaseUntil}
               ORDER BY next_attempt_at
               LIMIT ${limit}
                 FOR UPDATE SKIP LOCKED) due
       WHERE e.kind = due.kind AND e.export_id = due.export_id
      RETURNING e.kind, e.payload, e.attempts, e.next_attempt_at AS lease_until`;
    return rows.map((r) => ({
      item: itemOf(r.kind, r.payload),
      attempts: r.attempts,
      leaseUntil: r.lease_until,
    }));
  }

  delivered(claim: PendingExport, at: Date): Promise<boolean> {
    return this.leased(claim, { status: "DELIVERED", deliveredAt: at, lastError: null });
  }

  retryLater(claim: PendingExport, next: Date, reason: string): Promise<boolean> {
    return this.leased(claim, {
      attempts: { increment: 1 },
      nextAttemptAt: next,
      lastError: reason.slice(0, 1_000),
    });
  }

  refused(claim: PendingExport, at: Date, reason: string): Promise<boolean> {
    return this.leased(claim, {
      status: "FAILED",
      failedAt: at,
      attempts: { increment: 1 },
      lastError: reason.slice(0, 1_000),
    });
  }

  async forgetDelivered(before: Date, limit: number): Promise<number> {
    return this.db.$executeRaw`
      DELETE FROM data_export WHERE (kind, export_id) IN (
        SELECT kind, export_id FROM data_export
         WHERE status = 'DELIVERED' AND delivered_at < ${before}
         ORDER BY delivered_at
         LIMIT ${limit})`;
  }

  /** One conditional UPDATE: the outcome is written only if `claim` still holds the lease. */
  private async leased(
    claim: PendingExport,
    data: Prisma.DataExportUpdateManyMutationInput,
  ): Promise<boolean> {
    const { count } = await this.db.dataExport.updateMany({
      where: {
        kind: claim.item.kind,
        exportId: exportIdOf(claim.item),
        status: "PENDING",
        nextAttemptAt: claim.leaseUntil,
        attempts: claim.attempts,
      },
      data,
    });
    return count === 1;
  }
}
