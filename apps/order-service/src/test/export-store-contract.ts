import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  exportIdOf,
  type ExportedOrder,
  type ExportedOrderEvent,
  type ExportItem,
  type ExportStore,
  type PendingExport,
} from "../application/export-ports";

/*
 * What every ExportStore must do, run against the in-memory store (memory/export-store.test.ts)
 * and PostgreSQL (prisma/export-store.int.test.ts) alike, so the fake the use-case tests stand
 * on cannot drift from the real one. `fresh` gives a store with no exports in it. Completed
 * orders and order events (cancellations, refunds) are one kind of export to the store: the
 * tests mix them, and check that neither kind's key can shadow the other's.
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

export function anOrderEvent(overrides: Partial<ExportedOrderEvent> = {}): ExportedOrderEvent {
  return {
    type: "refunded",
    eventId: randomUUID(),
    orderId: randomUUID(),
    refundId: randomUUID(),
    userId: randomUUID(),
    lines: [{ productId: randomUUID(), quantity: 1, unitPriceCents: 1_250, amountCents: 1_125 }],
    amountCents: 1_125,
    soldAt: "2026-12-05T10:00:00.000Z",
    restocked: true,
    reason: "Arrived broken",
    requestedBy: randomUUID(),
    requestedAt: "2026-12-06T08:00:00.000Z",
    completedAt: "2026-12-06T08:00:02.000Z",
    ...overrides,
  };
}

/** A completed order to export. */
export const anOrderExport = (overrides: Partial<ExportedOrder> = {}): ExportItem => ({
  kind: "order",
  order: anExportedOrder(overrides),
});

/** A cancellation or refund to export. */
export const anEventExport = (overrides: Partial<ExportedOrderEvent> = {}): ExportItem => ({
  kind: "order-event",
  event: anOrderEvent(overrides),
});

/** An export named by its kind and id, as a test compares them. */
const keyOf = (item: ExportItem) => `${item.kind}:${exportIdOf(item)}`;

const ids = (claimed: { item: ExportItem }[]) => claimed.map((c) => keyOf(c.item)).sort();
const idsOf = (...items: ExportItem[]) => items.map(keyOf).sort();

/** The claims of one claimDue, by export: `claim(item)` (the test fails if it was not claimed). */
function byId(claimed: PendingExport[]): (item: ExportItem) => PendingExport {
  return (item) => {
    const claim = claimed.find((c) => keyOf(c.item) === keyOf(item));
    if (!claim) throw new Error(`export ${keyOf(item)} was not claimed`);
    return claim;
  };
}

export function exportStoreContract(name: string, fresh: () => Promise<ExportStore>) {
  describe(`${name}: the ExportStore contract`, () => {
    it("records an order once; a second record changes nothing, whatever its state", async () => {
      const store = await fresh();
      const order = anOrderExport();
      expect(await store.record(order, T0)).toBe(true);
      const changed = anOrderExport({ orderId: exportIdOf(order), totalCents: 1 });
      expect(await store.record(changed, at(5))).toBe(false);
      const [claimed, ...rest] = await store.claimDue(at(10), 10, at(1_000));
      expect(rest).toEqual([]);
      expect(claimed).toEqual({ item: order, attempts: 0, leaseUntil: at(1_000) });

      expect(await store.delivered(claimed!, at(20))).toBe(true);
      expect(await store.record(order, at(30))).toBe(false);
      expect(await store.claimDue(at(5_000), 10, at(6_000))).toEqual([]);
    });

    it("records an order event once per event id; another event of the same order is another export", async () => {
      const store = await fresh();
      const cancelled = anOrderEvent({ type: "cancelled", restocked: false });
      const event: ExportItem = { kind: "order-event", event: cancelled };
      expect(await store.record(event, T0)).toBe(true);
      // The same event redelivered (even said differently) records nothing ...
      const redelivered = anEventExport({ eventId: cancelled.eventId, amountCents: 1 });
      expect(await store.record(redelivered, at(5))).toBe(false);
      // ... a second refund of the same order is an event of its own.
      const second = anEventExport({ orderId: cancelled.orderId });
      expect(await store.record(second, at(6))).toBe(true);
      const claimed = byId(await store.claimDue(at(10), 10, at(1_000)));
      expect(claimed(event)).toEqual({ item: event, attempts: 0, leaseUntil: at(1_000) });
      expect(claimed(second)).toEqual({ item: second, attempts: 0, leaseUntil: at(1_000) });
      expect(await store.delivered(claimed(event), at(20))).toBe(true);
      expect(await store.record(event, at(30))).toBe(false);
    });

    it("keeps an order and an order event apart, even under the same id", async () => {
      const store = await fresh();
      const order = anOrderExport();
      const event = anEventExport({ eventId: exportIdOf(order) });
      expect(await store.record(order, T0)).toBe(true);
      expect(await store.record(event, T0)).toBe(true);
      const claim = byId(await store.claimDue(T0, 10, at(100)));
      expect(await store.delivered(claim(order), at(10))).toBe(true);
      expect(await store.retryLater(claim(event), at(500), "HTTP 503")).toBe(true);
      expect(await store.claimDue(at(500), 10, at(600))).toEqual([
        { item: event, attempts: 1, leaseUntil: at(600) },
      ]);
    });

    it("claims due exports soonest first, up to the limit, and leases them", async () => {
      const store = await fresh();
      // Orders and order events in one queue, by when they are due.
      const [a, b, c] = [anOrderExport(), anEventExport(), anOrderExport()];
      await store.record(b, at(2));
      await store.record(a, at(1));
      await store.record(c, at(100));
      expect(await store.claimDue(at(0), 10, at(500))).toEqual([]); // nothing due yet
      const first = await store.claimDue(at(50), 1, at(500));
      expect(ids(first)).toEqual(idsOf(a));
      expect(ids(await store.claimDue(at(50), 10, at(500)))).toEqual(idsOf(b));
      // Leased: not claimed again before the lease ends ...
      expect(ids(await store.claimDue(at(200), 10, at(700)))).toEqual(idsOf(c));
      expect(await store.claimDue(at(499), 10, at(900))).toEqual([]);
      // ... and due again after it (a sender that died mid-send).
      expect(ids(await store.claimDue(at(500), 10, at(900)))).toEqual(idsOf(a, b));
    });

    it("counts failed sends and holds the export back until its next attempt", async () => {
      const store = await fresh();
      const event = anEventExport();
      await store.record(event, T0);
      const [first] = await store.claimDue(T0, 10, at(60_000));
      expect(await store.retryLater(first!, at(1_000), "connect ECONNREFUSED")).toBe(true);
      expect(await store.claimDue(at(999), 10, at(60_000))).toEqual([]);
      const [again] = await store.claimDue(at(1_000), 10, at(60_000));
      expect(again?.attempts).toBe(1);
      expect(await store.retryLater(again!, at(3_000), "HTTP 503")).toBe(true);
      const [third] = await store.claimDue(at(3_000), 10, at(60_000));
      expect(third).toEqual({ item: event, attempts: 2, leaseUntil: at(60_000) });
    });

    it("never sends a delivered or refused export again, and a late outcome cannot undo one", async () => {
      const store = await fresh();
      const [delivered, refused] = [anOrderExport(), anEventExport()];
      await store.record(delivered, T0);
      await store.record(refused, T0);
      const stale = byId(await store.claimDue(T0, 10, at(100)));
      const current = byId(await store.claimDue(at(100), 10, at(200)));
      expect(await store.delivered(current(delivered), at(110))).toBe(true);
      expect(await store.refused(current(refused), at(110), "HTTP 400: totalCents")).toBe(true);
      // A send that outlived its lease reports after the other one settled it; so does a
      // second report under the holder's own claim: neither writes anything.
      expect(await store.retryLater(stale(delivered), at(200), "timed out")).toBe(false);
      expect(await store.retryLater(stale(refused), at(200), "timed out")).toBe(false);
      expect(await store.delivered(stale(refused), at(300))).toBe(false);
      expect(await store.delivered(current(refused), at(300))).toBe(false);
      expect(await store.retryLater(current(delivered), at(300), "timed out")).toBe(false);
      expect(await store.claimDue(at(1_000_000), 10, at(2_000_000))).toEqual([]);
    });

    it("writes an outcome only under the current lease: a send that outlived it writes nothing", async () => {
      const store = await fresh();
      const [x, y] = [anEventExport(), anOrderExport()];
      await store.record(x, T0);
      await store.record(y, T0);
      // A claims both and stalls past its lease; B claims them after it and sends them too.
      const a = byId(await store.claimDue(T0, 10, at(100)));
      const b = byId(await store.claimDue(at(100), 10, at(200)));
      expect(b(x)).toEqual({ item: x, attempts: 0, leaseUntil: at(200) });
      // A's late outcomes write nothing, and say so ...
      expect(await store.refused(a(x), at(150), "HTTP 400")).toBe(false);
      expect(await store.retryLater(a(y), at(151), "timed out")).toBe(false);
      expect(await store.delivered(a(y), at(152))).toBe(false);
      // ... so B's lease on y holds to its end, and x is what B reports: delivered.
      expect(await store.claimDue(at(199), 10, at(300))).toEqual([]);
      expect(await store.delivered(b(x), at(160))).toBe(true);
      expect(await store.claimDue(at(200), 10, at(300))).toEqual([
        { item: y, attempts: 0, leaseUntil: at(300) },
      ]);
      expect(await store.forgetDelivered(at(10_000), 10)).toBe(1); // x, DELIVERED
    });

    it("moves a lease forward only: no claim takes an export at a lease end it already has", async () => {
      const store = await fresh();
      const order = anOrderExport();
      await store.record(order, at(100));
      expect(await store.claimDue(at(100), 10, at(100))).toEqual([]);
      const [first] = await store.claimDue(at(100), 10, at(101));
      expect(await store.claimDue(at(101), 10, at(101))).toEqual([]);
      const [second] = await store.claimDue(at(101), 10, at(102));
      expect(second?.leaseUntil).toEqual(at(102));
      expect(await store.delivered(first!, at(101))).toBe(false);
      expect(await store.delivered(second!, at(101))).toBe(true);
    });

    it("forgets delivered exports older than the cutoff, oldest first, and keeps the rest", async () => {
      const store = await fresh();
      const [old, older, recent, failed, pending] = [
        anOrderExport(),
        anEventExport(),
        anEventExport(),
        anOrderExport(),
        anEventExport(),
      ];
      for (const o of [old, older, recent, failed, pending]) await store.record(o, T0);
      const claim = byId(await store.claimDue(T0, 10, at(100)));
      await store.delivered(claim(older), at(10));
      await store.delivered(claim(old), at(20));
      await store.delivered(claim(recent), at(5_000));
      await store.refused(claim(failed), at(10), "HTTP 400");
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
