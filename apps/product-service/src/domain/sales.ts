/*
 * Sales, as the query side counts them: units of completed orders per product per calendar day
 * in the shop's time zone. "The last N days" is a calendar window: today and the N - 1 days
 * before it, in that time zone, so the popular products' units are exactly the sum of the daily
 * bars an admin sees for the same window. A sale N days and a minute ago is always outside it.
 */

export interface SaleLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order that completed its checkout (cancelled orders never do, so never count). */
export interface CompletedOrder {
  orderId: string;
  completedAt: Date;
  lines: readonly SaleLine[];
}

export interface SalesWindow {
  /** How many calendar days, today included. */
  days: number;
  /** An IANA time zone ("UTC", "Europe/Berlin"): where a day starts and ends. */
  timeZone: string;
}

/** A calendar day, "YYYY-MM-DD". */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a time zone. */
export function dayIn(at: Date, timeZone: string): Day {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** `day` moved by `delta` days. */
export function addDays(day: Day, delta: number): Day {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

/** The window's days, oldest first: its first day is today - (days - 1), its last today. */
export function windowDays(now: Date, window: SalesWindow): Day[] {
  const today = dayIn(now, window.timeZone);
  return Array.from({ length: window.days }, (_, i) => addDays(today, i - (window.days - 1)));
}

/** True if the time zone is one the runtime knows (checked when the configuration is read). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How many of the shop's best sellers "popular" shows. */
export const POPULAR_LIMIT = 5;
