"use client";
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { chartSummary, type SalesChartModel } from "./sales-chart-model";

// Only what a bar chart needs, so the bundle carries no other chart type. This module is
// imported by the analytics page alone: no other page loads Chart.js.
ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// Read in the browser, where the chart is drawn (the server only renders an empty canvas).
const inBrowser = () => typeof window !== "undefined";
const reducedMotion = () =>
  inBrowser() && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
/** The page's own typeface: a canvas does not inherit it from CSS. */
const pageFont = () => (inBrowser() ? getComputedStyle(document.body).fontFamily : undefined);

/** Daily units of the top products: a group of bars per day, a colour per product. */
export function SalesChart({ model }: { model: SalesChartModel }) {
  const data = useMemo<ChartData<"bar">>(
    () => ({
      labels: model.labels,
      datasets: model.series.map((s) => ({
        label: s.label,
        data: s.units,
        backgroundColor: s.color,
        borderRadius: 4,
        maxBarThickness: 36,
      })),
    }),
    [model],
  );
  const options = useMemo<ChartOptions<"bar">>(
    () => ({
      responsive: true,
      // The container sets the height, so the chart fills it at every width.
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 300 },
      font: { family: pageFont() },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12, padding: 16 } },
        tooltip: {
          callbacks: { label: (c) => `${c.dataset.label ?? ""}: ${c.parsed.y} sold` },
        },
      },
      scales: {
        x: { grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: "Units sold" },
        },
      },
    }),
    [],
  );
  const summary = chartSummary(model);
  return (
    <Bar
      data={data}
      options={options}
      role="img"
      aria-label={summary}
      data-testid="sales-chart"
      fallbackContent={<p>{summary}</p>}
    />
  );
}
