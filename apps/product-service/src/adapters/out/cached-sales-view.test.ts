import { describe, expect, it } from "vitest";
import type { ProductSales, SalesView } from "../../application/ports";
import { CachedSalesView } from "./cached-sales-view";

const DAYS = ["2026-11-30", "2026-12-01", "2026-12-02"] as const;

/** A view that answers with its call count, failing when told to. */
function countingView() {
  const state = { calls: 0, fail: false };
  const view: SalesView = {
    top: async () => {
      state.calls += 1;
      if (state.fail) throw new Error("database down");
      return [{ units: state.calls } as unknown as ProductSales];
    },
    daily: async () => [],
  };
  return { view, state };
}

describe("CachedSalesView", () => {
  it("answers from one read while it is kept, and reads again after", async () => {
    const { view, state } = countingView();
    let now = 0;
    const cached = new CachedSalesView(view, 1_000, () => now);
    const [a, b] = await Promise.all([cached.top(DAYS, 5, false), cached.top(DAYS, 5, false)]);
    expect(a).toBe(b);
    now = 999;
    await cached.top(DAYS, 5, false);
    expect(state.calls).toBe(1);
    now = 1_000;
    expect((await cached.top(DAYS, 5, false))[0]!.units).toBe(2);
  });

  it("keeps each window, limit and audience apart", async () => {
    const { view, state } = countingView();
    const cached = new CachedSalesView(view, 1_000, () => 0);
    await cached.top(DAYS, 5, false);
    await cached.top(DAYS, 3, false);
    await cached.top(DAYS, 5, true);
    await cached.top(["2026-12-01", "2026-12-02", "2026-12-03"], 5, false);
    expect(state.calls).toBe(4);
  });

  it("does not keep a failed read", async () => {
    const { view, state } = countingView();
    const cached = new CachedSalesView(view, 1_000, () => 0);
    state.fail = true;
    await expect(cached.top(DAYS, 5, false)).rejects.toThrow("database down");
    state.fail = false;
    await expect(cached.top(DAYS, 5, false)).resolves.toHaveLength(1);
    expect(state.calls).toBe(2);
  });

  it("reads every time when kept for 0 ms", async () => {
    const { view, state } = countingView();
    const cached = new CachedSalesView(view, 0, () => 0);
    await cached.top(DAYS, 5, false);
    await cached.top(DAYS, 5, false);
    expect(state.calls).toBe(2);
  });
});
