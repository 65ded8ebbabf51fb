import { describe, expect, it } from "vitest";
import {
  anEventExport,
  anOrderExport,
  exportStoreContract,
} from "../../../test/export-store-contract";
import { useTestDatabase } from "../../../test/database";
import { exportIdOf, type ExportItem, type PendingExport } from "../../../application/export-ports";
import { PrismaExportStore } from "./export-store";

const t = useTestDatabase(8);

const fresh = async () => {
  await t.db.$executeRaw`TRUNCATE data_export`;
  return new PrismaExportStore(t.db);
};

exportStoreContract("PostgreSQL", fresh);

describe("PostgreSQL: the export store under concurrency", () => {
  it("concurrent claims (several instances' jobs) never take one export twice", async () => {
    const store = await fresh();
    const now = new Date("2026-12-05T10:00:00.000Z");
    const orders = Array.from({ length: 60 }, (_, i) =>
      i % 3 ? anOrderExport() : anEventExport(),
    );
    for (const o of orders) await store.record(o, now);
    const lease = new Date(now.getTime() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => store.claimDue(now, 15, lease)),
    );
    const claimed = claims.flat().map((c) => exportIdOf(c.item));
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual(orders.map(exportIdOf).sort());
  });

  it("outcomes of a stale and of the current lease fired together: only the current ones are written", async () => {
    const store = await fresh();
    const now = new Date("2026-12-05T10:00:00.000Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    const orders = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? anOrderExport() : anEventExport(),
    );
    for (const o of orders) await store.record(o, now);
    // Instance A claims them all and stalls past its lease; B claims them after it.
    const stale = await store.claimDue(now, 100, at(100));
    const current = await store.claimDue(at(100), 100, at(200));
    const claimOf = (claims: PendingExport[], o: ExportItem) =>
      claims.find((c) => c.item.kind === o.kind && exportIdOf(c.item) === exportIdOf(o))!;
    // Then each one's outcome, A's refusal and B's delivery, all at once.
    const written = await Promise.all(
      orders.flatMap((o) => [
        store.refused(claimOf(stale, o), at(150), "HTTP 400: totalCents"),
        store.delivered(claimOf(current, o), at(150)),
      ]),
    );
    expect(written).toEqual(orders.flatMap(() => [false, true]));
    expect(await t.db.dataExport.groupBy({ by: ["status"], _count: true })).toEqual([
      { status: "DELIVERED", _count: 40 },
    ]);
  });

  it("keeps the CHECKs: a delivered row has its time, attempts never go negative, a kind is known", async () => {
    await fresh();
    const id = exportIdOf(anOrderExport());
    await expect(t.db.$executeRaw`
      INSERT INTO data_export (kind, export_id, payload, status, next_attempt_at, created_at)
      VALUES ('order', ${id}::uuid, '{}'::jsonb, 'DELIVERED', now(), now())`).rejects.toThrow(
      /data_export_delivered_at_when_delivered/,
    );
    await expect(t.db.$executeRaw`
      INSERT INTO data_export (kind, export_id, payload, attempts, next_attempt_at, created_at)
      VALUES ('order', ${id}::uuid, '{}'::jsonb, -1, now(), now())`).rejects.toThrow(
      /data_export_attempts_non_negative/,
    );
    await expect(t.db.$executeRaw`
      INSERT INTO data_export (kind, export_id, payload, next_attempt_at, created_at)
      VALUES ('refund', ${id}::uuid, '{}'::jsonb, now(), now())`).rejects.toThrow(
      /data_export_kind_known/,
    );
  });
});
