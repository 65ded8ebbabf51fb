import { describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { InMemoryExportStore } from "../adapters/out/memory/export-store";
import { anExportedOrder, anOrderEvent } from "../test/export-store-contract";
import {
  DEFAULT_EXPORT_POLICY,
  exportDueOrders,
  retryDelayMs,
  type ExportPolicy,
} from "./export-due-orders";
import {
  exportIdOf,
  type DataPlatform,
  type ExportedOrder,
  type ExportedOrderEvent,
  type ExportItem,
  type SendOutcome,
} from "./export-ports";
import { recordOrderEvent } from "./export-order-events";
import { recordCompletedOrder } from "./record-completed-order";

/**
 * The platform in memory: keeps one copy per key (as the real one deduplicates by the
 * Idempotency-Key: orders by order id, order events by event id, apart), counts every send, and
 * can be down, refuse, or throw.
 */
class FakePlatform implements DataPlatform {
  mode: "up" | "down" | "refusing" | "throwing" = "up";
  readonly kept = new Map<string, ExportedOrder>();
  readonly events = new Map<string, ExportedOrderEvent>();
  /** The key of every send: the order id, or the event id. */
  readonly sends: string[] = [];

  async send(item: ExportItem): Promise<SendOutcome> {
    this.sends.push(exportIdOf(item));
    if (this.mode === "down") return { kind: "unavailable", reason: "ECONNREFUSED" };
    if (this.mode === "refusing") return { kind: "refused", reason: "HTTP 400: totalCents" };
    if (this.mode === "throwing") throw new Error("adapter bug");
    const kept: Map<string, unknown> = item.kind === "order" ? this.kept : this.events;
    const key = exportIdOf(item);
    const duplicate = kept.has(key);
    if (!duplicate) kept.set(key, item.kind === "order" ? item.order : item.event);
    return { kind: "delivered", duplicate };
  }
}

const asOrder = (order: ExportedOrder): ExportItem => ({ kind: "order", order });
const asEvent = (event: ExportedOrderEvent): ExportItem => ({ kind: "order-event", event });

const T0 = new Date("2026-12-05T10:00:00.000Z");
const policy: ExportPolicy = { ...DEFAULT_EXPORT_POLICY, batch: 5, maxBatches: 3 };

function world() {
  const clock = fakeClock(T0);
  const exports = new InMemoryExportStore();
  const platform = new FakePlatform();
  const deps = { exports, platform, clock };
  return { clock, exports, platform, deps, run: () => exportDueOrders(deps, policy) };
}

describe("exporting completed orders", () => {
  it("sends a recorded order once, and nothing on the next runs", async () => {
    const w = world();
    const order = anExportedOrder();
    expect(await recordCompletedOrder(w.deps, order)).toBe(true);
    expect(await w.run()).toMatchObject({ delivered: 1, retrying: 0, refused: 0 });
    expect(await w.run()).toMatchObject({ delivered: 0 });
    expect(w.platform.sends).toEqual([order.orderId]);
    expect(w.platform.kept.get(order.orderId)).toEqual(order);
    expect(w.exports.row(asOrder(order))).toMatchObject({
      status: "DELIVERED",
      deliveredAt: T0,
    });
  });

  it("a redelivered event records nothing more: the order is sent once", async () => {
    const w = world();
    const order = anExportedOrder();
    await recordCompletedOrder(w.deps, order);
    await w.run();
    expect(await recordCompletedOrder(w.deps, order)).toBe(false);
    await w.run();
    expect(w.platform.sends).toEqual([order.orderId]);
  });

  it("retries while the platform is down, backing off up to the cap, then delivers each order once", async () => {
    const w = world();
    const orders = [anExportedOrder(), anExportedOrder(), anExportedOrder()];
    for (const o of orders) await recordCompletedOrder(w.deps, o);
    w.platform.mode = "down";

    // Run the job every second for two minutes: each order is tried when due, no sooner.
    const triedAt: number[] = [];
    for (let s = 0; s <= 120; s++) {
      w.clock.set(new Date(T0.getTime() + s * 1_000));
      const before = w.platform.sends.length;
      const run = await w.run();
      if (w.platform.sends.length > before) {
        triedAt.push(s);
        expect(run).toMatchObject({ delivered: 0, retrying: 3, unavailable: "ECONNREFUSED" });
      }
    }
    // 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s (the cap).
    expect(triedAt).toEqual([0, 1, 3, 7, 15, 31, 61, 91]);
    expect(w.exports.row(asOrder(orders[0]!))).toMatchObject({
      status: "PENDING",
      attempts: 8,
      lastError: "ECONNREFUSED",
    });

    w.platform.mode = "up";
    w.clock.set(new Date(T0.getTime() + 121_000));
    expect(await w.run()).toMatchObject({ delivered: 3, retrying: 0 });
    expect(w.platform.kept.size).toBe(3);
    expect([...w.platform.kept.keys()].sort()).toEqual(orders.map((o) => o.orderId).sort());
    for (const o of orders) expect(w.exports.row(asOrder(o))?.status).toBe("DELIVERED");
    w.clock.advance(600_000);
    expect(await w.run()).toMatchObject({ delivered: 0 });
  });

  it("keeps an order the platform refuses as FAILED with the reason, and never sends it again", async () => {
    const w = world();
    const order = anExportedOrder();
    await recordCompletedOrder(w.deps, order);
    w.platform.mode = "refusing";
    expect(await w.run()).toMatchObject({
      refused: 1,
      refusals: [
        {
          kind: "order",
          exportId: order.orderId,
          orderId: order.orderId,
          reason: "HTTP 400: totalCents",
        },
      ],
    });
    w.platform.mode = "up";
    w.clock.advance(3_600_000);
    await w.run();
    expect(w.platform.sends).toEqual([order.orderId]);
    expect(w.exports.row(asOrder(order))).toMatchObject({
      status: "FAILED",
      lastError: "HTTP 400: totalCents",
    });
  });

  it("drains a backlog a batch at a time, and stops a run at the first batch the platform is down for", async () => {
    const w = world();
    for (let i = 0; i < 12; i++) await recordCompletedOrder(w.deps, anExportedOrder());
    w.platform.mode = "down";
    expect(await w.run()).toMatchObject({ retrying: 5 }); // one batch, not three
    w.platform.mode = "up";
    expect(await w.run()).toMatchObject({ delivered: 7 }); // the rest, two batches
    w.clock.advance(1_000);
    expect(await w.run()).toMatchObject({ delivered: 5 }); // the first five, after their backoff
    expect(w.platform.kept.size).toBe(12);
  });

  it("keeps and retries an order whose send throws", async () => {
    const w = world();
    const order = anExportedOrder();
    await recordCompletedOrder(w.deps, order);
    w.platform.mode = "throwing";
    expect(await w.run()).toMatchObject({ retrying: 1, unavailable: "adapter bug" });
    w.platform.mode = "up";
    w.clock.advance(1_000);
    expect(await w.run()).toMatchObject({ delivered: 1 });
  });

  it("backs off 1 s, 2 s, 4 s ... up to 30 s by default", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 100, 10_000].map((n) =>
      retryDelayMs(n, DEFAULT_EXPORT_POLICY),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });
});

describe("exporting cancellations and refunds", () => {
  it("sends a recorded event once under its event id, and a redelivered one records nothing more", async () => {
    const w = world();
    const event = anOrderEvent({ type: "cancelled" });
    expect(await recordOrderEvent(w.deps, event)).toBe(true);
    expect(await w.run()).toMatchObject({ delivered: 1 });
    expect(await recordOrderEvent(w.deps, event)).toBe(false);
    expect(await recordOrderEvent(w.deps, { ...event, reason: "said again" })).toBe(false);
    expect(await w.run()).toMatchObject({ delivered: 0 });
    expect(w.platform.sends).toEqual([event.eventId]);
    expect(w.platform.events.get(event.eventId)).toEqual(event);
    expect(w.exports.row(asEvent(event))).toMatchObject({ status: "DELIVERED", deliveredAt: T0 });
  });

  it("sends two refunds of one order as two events, beside the order itself", async () => {
    const w = world();
    const order = anExportedOrder();
    const first = anOrderEvent({ orderId: order.orderId });
    const second = anOrderEvent({ orderId: order.orderId });
    await recordCompletedOrder(w.deps, order);
    await recordOrderEvent(w.deps, first);
    await recordOrderEvent(w.deps, second);
    expect(await w.run()).toMatchObject({ delivered: 3 });
    expect([...w.platform.kept.keys()]).toEqual([order.orderId]);
    expect([...w.platform.events.keys()].sort()).toEqual([first.eventId, second.eventId].sort());
  });

  it("retries an event while the platform is down, with the orders' backoff, then delivers it once", async () => {
    const w = world();
    const event = anOrderEvent();
    await recordOrderEvent(w.deps, event);
    w.platform.mode = "down";
    const triedAt: number[] = [];
    for (let s = 0; s <= 20; s++) {
      w.clock.set(new Date(T0.getTime() + s * 1_000));
      const before = w.platform.sends.length;
      await w.run();
      if (w.platform.sends.length > before) triedAt.push(s);
    }
    expect(triedAt).toEqual([0, 1, 3, 7, 15]);
    expect(w.exports.row(asEvent(event))).toMatchObject({
      status: "PENDING",
      attempts: 5,
      lastError: "ECONNREFUSED",
    });
    w.platform.mode = "up";
    w.clock.set(new Date(T0.getTime() + 31_000));
    expect(await w.run()).toMatchObject({ delivered: 1, retrying: 0 });
    w.clock.advance(600_000);
    expect(await w.run()).toMatchObject({ delivered: 0 });
    expect(w.platform.events.size).toBe(1);
    expect(w.exports.row(asEvent(event))?.status).toBe("DELIVERED");
  });

  it("keeps an event the platform refuses as FAILED with the reason, naming it and its order", async () => {
    const w = world();
    const event = anOrderEvent();
    await recordOrderEvent(w.deps, event);
    w.platform.mode = "refusing";
    expect(await w.run()).toMatchObject({
      refused: 1,
      refusals: [
        {
          kind: "order-event",
          exportId: event.eventId,
          orderId: event.orderId,
          reason: "HTTP 400: totalCents",
        },
      ],
    });
    w.platform.mode = "up";
    w.clock.advance(3_600_000);
    await w.run();
    expect(w.platform.sends).toEqual([event.eventId]);
    expect(w.exports.row(asEvent(event))).toMatchObject({ status: "FAILED" });
  });
});
