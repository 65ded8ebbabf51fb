import type { SalesWindowInfo } from "@shop/contracts";

/*
 * The popular products' window as people read it. Days arrive as "YYYY-MM-DD" calendar days of
 * the shop's time zone (product-service counted them there), so they are formatted as dates
 * without a time zone of their own: read as UTC, written as UTC, never shifted by the reader's.
 */

/** "in the last 3 days", "today". */
export function windowPhrase(days: number): string {
  return days === 1 ? "today" : `in the last ${days} days`;
}

const dayFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
});

/** "2026-03-08" -> "Mar 8". */
export function dayLabel(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "Mar 8 – Mar 10 (UTC)", or "Mar 10 (UTC)" for a one-day window. */
export function windowRange(window: SalesWindowInfo): string {
  const range =
    window.from === window.to
      ? dayLabel(window.to)
      : `${dayLabel(window.from)} – ${dayLabel(window.to)}`;
  return `${range} (${window.timeZone})`;
}
