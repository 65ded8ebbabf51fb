import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ExportedOrder, ExportStore } from "../application/export-ports";

/*
 * What every ExportStore must do, run against the in-memory store (memory/export-store.test.ts)
 * and PostgreSQL (prisma/export-store.int.test.ts) alike, so the fake the use-case tests stand
 * on cannot drift from the real one. `fresh` gives a store with no exports in it.
 */

const T0 = new Date("2026-12-05T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

export function anExportedOrder(overrides: Partial<ExportedOrder> = {}): ExportedOrder {
  return {
    orderId: randomUUID(),
    userId: randomUUID(),
    lines: [
      { productId: randomUUID(), quantity: 2, unitPriceCents: 1_250 },
      { productId: randomUUID(), quantity: 1, unitPriceCents: 499 },
    ],
    subtotalCents: 2_999,
    discountCents: 300,
    totalCents: 2_699,
    couponId: randomUUID(),
    placedAt: "2026-12-05T09:59:58.000Z",
    completedAt: "2026-12-05T10:00:00.000Z",
    ...overrides,
  };
}

const ids = (claimed: { order: ExportedOrder }[]) => claimed.map((c) => c.order.orderId).sort();

export function exportStoreContract(name: string, fresh: () => Promise<ExportStore>) {
  describe(`${name}: the ExportStore contract`, () => {
    it("records an order once; a second record changes nothing, whatever its state", async () => {
      const store = await fresh();
      const order = anExportedOrder();
      expect(await store.record(order, T0)).toBe(true);
      expect(await store.record({ ...order, totalCents: 1 }, at(5))).toBe(false);
      const [claimed, ...rest] = await store.claimDue(at(10), 10, at(1_000));
      expect(rest).toEqual([]);
      expect(claimed).toEqual({ order, attempts: 0 });

      await store.delivered(order.orderId, at(20));
      expect(await store.record(order, at(30))).toBe(false);
      expect(await store.claimDue(at(5_000), 10, at(6_000))).toEqual([]);
    });

    it("claims due exports soonest first, up to the limit, and leases them", async () => {
      const store = await fresh();
      const [a, b, c] = [anExportedOrder(), anExportedOrder(), anExportedOrder()];
      await store.record(b, at(2));
      await store.record(a, at(1));
      await store.record(c, at(100));
      expect(await store.claimDue(at(0), 10, at(500))).toEqual([]); // nothing due yet
      const first = await store.claimDue(at(50), 1, at(500));
      expect(ids(first)).toEqual([a.orderId]);
      expect(ids(await store.claimDue(at(50), 10, at(500)))).toEqual([b.orderId]);
      // Leased: not claimed again before the lease ends ...
      expect(ids(await store.claimDue(at(200), 10, at(700)))).toEqual([c.orderId]);
      expect(await store.claimDue(at(499), 10, at(900))).toEqual([]);
      // ... and due again after it (a sender that died mid-send).
      expect(ids(await store.claimDue(at(500), 10, at(900)))).toEqual(
        [a.orderId, b.orderId].sort(),
      );
    });

    it("counts failed sends and holds the export back until its next attempt", async () => {
      const store = await fresh();
      const order = anExportedOrder();
      await store.record(order, T0);
      await store.claimDue(T0, 10, at(60_000));
      await store.retryLater(order.orderId, at(1_000), "connect ECONNREFUSED");
      expect(await store.claimDue(at(999), 10, at(60_000))).toEqual([]);
      const [again] = await store.claimDue(at(1_000), 10, at(60_000));
      expect(again?.attempts).toBe(1);
      await store.retryLater(order.orderId, at(3_000), "HTTP 503");
      const [third] = await store.claimDue(at(3_000), 10, at(60_000));
      expect(third).toEqual({ order, attempts: 2 });
    });

    it("never sends a delivered or refused export again, and a late outcome cannot undo one", async () => {
      const store = await fresh();
      const [delivered, refused] = [anExportedOrder(), anExportedOrder()];
      await store.record(delivered, T0);
      await store.record(refused, T0);
      await store.claimDue(T0, 10, at(100));
      await store.delivered(delivered.orderId, at(10));
      await store.refused(refused.orderId, at(10), "HTTP 400: totalCents");
      // A send that outlived its lease reports after the other one settled it.
      await store.retryLater(delivered.orderId, at(200), "timed out");
      await store.retryLater(refused.orderId, at(200), "timed out");
      await store.delivered(refused.orderId, at(300));
      expect(await store.claimDue(at(1_000_000), 10, at(2_000_000))).toEqual([]);
    });

    it("forgets delivered exports older than the cutoff, oldest first, and keeps the rest", async () => {
      const store = await fresh();
      const [old, older, recent, failed, pending] = Array.from({ length: 5 }, () =>
        anExportedOrder(),
      ) as [ExportedOrder, ExportedOrder, ExportedOrder, ExportedOrder, ExportedOrder];
      for (const o of [old, older, recent, failed, pending]) await store.record(o, T0);
      await store.claimDue(T0, 10, at(100));
      await store.delivered(older.orderId, at(10));
      await store.delivered(old.orderId, at(20));
      await store.delivered(recent.orderId, at(5_000));
      await store.refused(failed.orderId, at(10), "HTTP 400");
      expect(await store.forgetDelivered(at(1_000), 1)).toBe(1);
      expect(await store.forgetDelivered(at(1_000), 10)).toBe(1);
      expect(await store.forgetDelivered(at(1_000), 10)).toBe(0);
      // What was forgotten is recorded anew if its event comes again; the others are still held.
      expect(await store.record(older, at(6_000))).toBe(true);
      expect(await store.record(old, at(6_000))).toBe(true);
      for (const kept of [recent, failed, pending])
        expect(await store.record(kept, at(6_000))).toBe(false);
    });
  });
}
