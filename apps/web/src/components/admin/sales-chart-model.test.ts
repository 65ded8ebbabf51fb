import { describe, expect, it } from "vitest";
import type { Product, SalesAnalytics } from "@shop/contracts";
import { chartSummary, salesChartModel, SERIES_COLORS } from "./sales-chart-model";

const product = (id: string, name: string): Product => ({
  id,
  slug: name.toLowerCase(),
  name,
  description: "",
  category: { slug: "kitchen", name: "Kitchen" },
  priceCents: 500,
  stock: 10,
  image: null,
  status: "active",
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  version: 1,
});

const analytics: SalesAnalytics = {
  window: { days: 3, timeZone: "UTC", from: "2026-03-08", to: "2026-03-10" },
  items: [
    { rank: 1, unitsSold: 5, revenueCents: 2_500, product: product("a", "Mug") },
    { rank: 2, unitsSold: 2, revenueCents: 1_000, product: product("b", "Cup") },
  ],
  series: [
    { day: "2026-03-08", units: { a: 1, b: 0 } },
    { day: "2026-03-09", units: { a: 0, b: 2 } },
    { day: "2026-03-10", units: { a: 4 } },
  ],
};

describe("the analytics chart's data", () => {
  it("has a group of bars per day and a series per top product, in rank order", () => {
    expect(salesChartModel(analytics)).toEqual({
      labels: ["Mar 8", "Mar 9", "Mar 10"],
      series: [
        { productId: "a", label: "Mug", color: SERIES_COLORS[0], units: [1, 0, 4] },
        { productId: "b", label: "Cup", color: SERIES_COLORS[1], units: [0, 2, 0] },
      ],
    });
  });

  it("gives every series of a top 5 its own colour", () => {
    expect(new Set(SERIES_COLORS).size).toBe(5);
  });

  it("says what the chart shows in words", () => {
    expect(chartSummary(salesChartModel(analytics))).toBe(
      "Units sold per day (Mar 8, Mar 9, Mar 10). Mug: 1, 0, 4; Cup: 0, 2, 0.",
    );
  });
});
