import type { SalesAnalytics } from "@shop/contracts";
import { dayLabel } from "@/lib/sales-window";

/*
 * What the analytics chart draws, from what product-service answered: one bar series per top
 * product (in rank order), one group of bars per day of the window (oldest first). Kept apart
 * from the chart library so it can be tested without a canvas.
 */

/**
 * One colour per rank, told apart by people with the common colour-vision deficiencies (the
 * Okabe-Ito palette, the shop's green first); the table beside the chart uses the same swatches.
 */
export const SERIES_COLORS = ["#2f7d6d", "#e69f00", "#0072b2", "#cc79a7", "#56b4e9"] as const;

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

export interface ChartSeries {
  productId: string;
  label: string;
  color: string;
  /** Units sold on each day of `labels`. */
  units: number[];
}

export interface SalesChartModel {
  /** The window's days, oldest first ("Mar 8"). */
  labels: string[];
  series: ChartSeries[];
}

export function salesChartModel(analytics: SalesAnalytics): SalesChartModel {
  return {
    labels: analytics.series.map((d) => dayLabel(d.day)),
    series: analytics.items.map((item, i) => ({
      productId: item.product.id,
      label: item.product.name,
      color: seriesColor(i),
      units: analytics.series.map((d) => d.units[item.product.id] ?? 0),
    })),
  };
}

/** A sentence for screen readers and for a browser without canvas: the chart in words. */
export function chartSummary(model: SalesChartModel): string {
  const days = model.labels.join(", ");
  const lines = model.series.map((s) => `${s.label}: ${s.units.join(", ")}`);
  return `Units sold per day (${days}). ${lines.join("; ")}.`;
}
