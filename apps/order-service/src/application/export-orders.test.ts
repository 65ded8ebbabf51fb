import { describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { InMemoryExportStore } from "../adapters/out/memory/export-store";
import { anExportedOrder } from "../test/export-store-contract";
import {
  DEFAULT_EXPORT_POLICY,
  exportDueOrders,
  retryDelayMs,
  type ExportPolicy,
} from "./export-due-orders";
import type { DataPlatform, ExportedOrder, SendOutcome } from "./export-ports";
import { recordCompletedOrder } from "./record-completed-order";

/**
 * The platform in memory: keeps one copy per key (as the real one deduplicates by the
 * Idempotency-Key), counts every send, and can be down, refuse, or throw.
 */
class FakePlatform implements DataPlatform {
  mode: "up" | "down" | "refusing" | "throwing" = "up";
  readonly kept = new Map<string, ExportedOrder>();
  readonly sends: string[] = [];

  async send(order: ExportedOrder): Promise<SendOutcome> {
    this.sends.push(order.orderId);
    if (this.mode === "down") return { kind: "unavailable", reason: "ECONNREFUSED" };
    if (this.mode === "refusing") return { kind: "refused", reason: "HTTP 400: totalCents" };
    if (this.mode === "throwing") throw new Error("adapter bug");
    const duplicate = this.kept.has(order.orderId);
    if (!duplicate) this.kept.set(order.orderId, order);
    return { kind: "delivered", duplicate };
  }
}

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
    expect(w.exports.rows.get(order.orderId)).toMatchObject({
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
    expect(w.exports.rows.get(orders[0]!.orderId)).toMatchObject({
      status: "PENDING",
      attempts: 8,
      lastError: "ECONNREFUSED",
    });

    w.platform.mode = "up";
    w.clock.set(new Date(T0.getTime() + 121_000));
    expect(await w.run()).toMatchObject({ delivered: 3, retrying: 0 });
    expect(w.platform.kept.size).toBe(3);
    expect([...w.platform.kept.keys()].sort()).toEqual(orders.map((o) => o.orderId).sort());
    for (const o of orders) expect(w.exports.rows.get(o.orderId)?.status).toBe("DELIVERED");
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
      refusals: [{ orderId: order.orderId, reason: "HTTP 400: totalCents" }],
    });
    w.platform.mode = "up";
    w.clock.advance(3_600_000);
    await w.run();
    expect(w.platform.sends).toEqual([order.orderId]);
    expect(w.exports.rows.get(order.orderId)).toMatchObject({
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
