import type { OrderDetail, OrderState } from "@shop/contracts";

/** COMPLETED and CANCELLED are final: nothing about the order changes after them. */
export const isFinal = (state: OrderState | undefined) =>
  state === "COMPLETED" || state === "CANCELLED";

/** How a shopper and an admin read an order's number: the id's first 8 digits. */
export const orderNumber = (id: string) => id.slice(0, 8).toUpperCase();

// Pages are rendered on the server first: times are UTC so the browser renders the same text.
const dayTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "Nov 24, 2026, 2:05 PM UTC" */
export const when = (iso: string) => `${dayTime.format(new Date(iso))} UTC`;

/** "14:05:09" (UTC), for the steps of one order. */
export const clock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** "14:05:09.123" (UTC), for the saga log: its entries are milliseconds apart. */
export const clockMs = (iso: string) => new Date(iso).toISOString().slice(11, 23);

/** "2026-11-24 14:05:09.123" (UTC). */
export const instant = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 23);

export const itemCount = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

export type TimelineStep = OrderDetail["timeline"][number];
