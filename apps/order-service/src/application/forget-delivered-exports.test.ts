import { describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { InMemoryExportStore } from "../adapters/out/memory/export-store";
import { anExportedOrder } from "../test/export-store-contract";
import { forgetDeliveredExports } from "./forget-delivered-exports";

const DAY = 86_400_000;

describe("forgetDeliveredExports", () => {
  it("forgets what was delivered before the kept period, in batches, and nothing else", async () => {
    const exports = new InMemoryExportStore();
    const clock = fakeClock(new Date("2026-12-01T00:00:00.000Z"));
    const old = Array.from({ length: 1_500 }, () => anExportedOrder());
    for (const o of old) {
      await exports.record(o, clock.now());
      await exports.delivered(o.orderId, clock.now());
    }
    clock.advance(20 * DAY);
    const recent = anExportedOrder();
    await exports.record(recent, clock.now());
    await exports.delivered(recent.orderId, clock.now());
    const pending = anExportedOrder();
    await exports.record(pending, clock.now());
    clock.advance(11 * DAY);

    expect(await forgetDeliveredExports({ exports, clock }, 30 * DAY)).toBe(1_500);
    expect([...exports.rows.keys()].sort()).toEqual([recent.orderId, pending.orderId].sort());
    expect(await forgetDeliveredExports({ exports, clock }, 30 * DAY)).toBe(0);
  });
});
