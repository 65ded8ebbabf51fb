import { describe, expect, it } from "vitest";
import { anExportedOrder, exportStoreContract } from "../../../test/export-store-contract";
import { useTestDatabase } from "../../../test/database";
import type { ExportedOrder, PendingExport } from "../../../application/export-ports";
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
    const orders = Array.from({ length: 60 }, () => anExportedOrder());
    for (const o of orders) await store.record(o, now);
    const lease = new Date(now.getTime() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => store.claimDue(now, 15, lease)),
    );
    const claimed = claims.flat().map((c) => c.order.orderId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual(orders.map((o) => o.orderId).sort());
  });

  it("outcomes of a stale and of the current lease fired together: only the current ones are written", async () => {
    const store = await fresh();
    const now = new Date("2026-12-05T10:00:00.000Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    const orders = Array.from({ length: 40 }, () => anExportedOrder());
    for (const o of orders) await store.record(o, now);
    // Instance A claims them all and stalls past its lease; B claims them after it.
    const stale = await store.claimDue(now, 100, at(100));
    const current = await store.claimDue(at(100), 100, at(200));
    const claimOf = (claims: PendingExport[], o: ExportedOrder) =>
      claims.find((c) => c.order.orderId === o.orderId)!;
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

  it("keeps the CHECKs: a delivered row has its time, attempts never go negative", async () => {
    await fresh();
    const order = anExportedOrder();
    await expect(t.db.$executeRaw`
      INSERT INTO data_export (order_id, payload, status, next_attempt_at, created_at)
      VALUES (${order.orderId}::uuid, '{}'::jsonb, 'DELIVERED', now(), now())`).rejects.toThrow(
      /data_export_delivered_at_when_delivered/,
    );
    await expect(t.db.$executeRaw`
      INSERT INTO data_export (order_id, payload, attempts, next_attempt_at, created_at)
      VALUES (${order.orderId}::uuid, '{}'::jsonb, -1, now(), now())`).rejects.toThrow(
      /data_export_attempts_non_negative/,
    );
  });
});
