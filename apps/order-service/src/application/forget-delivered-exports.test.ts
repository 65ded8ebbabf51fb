import { describe, expect, it } from "vitest";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import { InMemoryExportStore } from "../adapters/out/memory/export-store";
import { anEventExport, anOrderExport } from "../test/export-store-contract";
import type { ExportItem } from "./export-ports";
import { forgetDeliveredExports } from "./forget-delivered-exports";

const DAY = 86_400_000;

describe("forgetDeliveredExports", () => {
  it("forgets what was delivered before the kept period, in batches, and nothing else", async () => {
    const exports = new InMemoryExportStore();
    const clock = fakeClock(new Date("2026-12-01T00:00:00.000Z"));
    /** Records an export and delivers it now (claimed, sent, its outcome written). */
    const deliverNow = async (order: ExportItem) => {
      await exports.record(order, clock.now());
      const lease = new Date(clock.now().getTime() + 60_000);
      const [claim] = await exports.claimDue(clock.now(), 1, lease);
      expect(await exports.delivered(claim!, clock.now())).toBe(true);
    };
    const old = Array.from({ length: 1_500 }, (_, i) =>
      i % 2 ? anOrderExport() : anEventExport(),
    );
    for (const o of old) await deliverNow(o);
    clock.advance(20 * DAY);
    const recent = anEventExport();
    await deliverNow(recent);
    const pending = anOrderExport();
    await exports.record(pending, clock.now());
    clock.advance(11 * DAY);

    expect(await forgetDeliveredExports({ exports, clock }, 30 * DAY)).toBe(1_500);
    expect([...exports.rows.values()].map((r) => r.item)).toEqual([recent, pending]);
    expect(await forgetDeliveredExports({ exports, clock }, 30 * DAY)).toBe(0);
  });
});
