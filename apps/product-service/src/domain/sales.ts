/*
 * Sales, as the query side counts them: units of completed orders per product per calendar day
 * in the shop's time zone, net of the units cancelled or refunded since (taken off the day they
 * were sold on, so a day's figure only ever goes down by what it counted). "The last N days" is a calendar window: today and the N - 1 days
 * before it, in that time zone, so the popular products' units are exactly the sum of the daily
 * bars an admin sees for the same window. A sale N days and a minute ago is always outside it.
 */

export interface SaleLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order that completed its checkout (orders cancelled during checkout never do). */
export interface CompletedOrder {
  orderId: string;
  completedAt: Date;
  lines: readonly SaleLine[];
}

/**
 * Units of a completed order taken off its sale by a cancellation or a refund (order.cancelled,
 * order.refunded): once per refund, on the day the order was sold (`soldAt`, its completedAt).
 * `unitPriceCents` is the price the units were sold at (before any coupon), so the revenue
 * taken off is the gross the sale added for them.
 */
export interface ReturnedSale {
  orderId: string;
  refundId: string;
  soldAt: Date;
  lines: readonly SaleLine[];
}

/**
 * What a day of a product's sales counts net of returns: the units and gross revenue sold, less
 * those returned, never below 0 (a return that arrives before its sale, or for a sale the
 * history never saw, takes off nothing that was not counted). Every reader of the daily sales
 * (top, daily bars, the popular sort) uses this one rule; the SQL store computes the same
 * expression in a generated column (migration 20261230090000).
 */
export function netOf(sold: number, returned: number): number {
  return Math.max(sold - returned, 0);
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
