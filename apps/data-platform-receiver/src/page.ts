import { formatMoney } from "@shop/kernel";
import type { EventSummary, ReceivedOrder, ReceivedOrderEvent, Summary } from "./store";

/**
 * The receiver's page: what arrived, newest first, with duplicate deliveries marked: the
 * completed orders, and beside them the cancellations and refunds.
 */

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const MAX_ROWS = 200;

export interface PageData {
  summary: Summary;
  orders: readonly ReceivedOrder[];
  eventSummary: EventSummary;
  events: readonly ReceivedOrderEvent[];
}

const deliveriesCell = (n: number) => `${n}${n > 1 ? ` (${n - 1} duplicate)` : ""}`;

function eventRows(events: readonly ReceivedOrderEvent[]): string {
  return events
    .slice(0, MAX_ROWS)
    .map(
      (e) => `<tr${e.deliveries > 1 ? ' class="dup"' : ""}>
  <td><code>${escape(e.key)}</code></td>
  <td>${escape(e.event.type)}</td>
  <td><code>${escape(e.event.orderId)}</code></td>
  <td>${e.event.lines.reduce((n, l) => n + l.quantity, 0)}${e.event.restocked ? " (restocked)" : ""}</td>
  <td>${formatMoney(e.event.amountCents)}</td>
  <td>${escape(e.event.reason)}</td>
  <td>${escape(e.event.completedAt)}</td>
  <td>${escape(e.firstReceivedAt)}</td>
  <td>${deliveriesCell(e.deliveries)}</td>
</tr>`,
    )
    .join("\n");
}

export function renderPage({ summary, orders, eventSummary, events }: PageData): string {
  const last = summary.last
    ? `${escape(summary.last.receivedAt)}: order <code>${escape(summary.last.key)}</code>${
        summary.last.duplicate ? " (a duplicate)" : ""
      }`
    : "nothing yet";
  const lastEvent = eventSummary.last
    ? `${escape(eventSummary.last.receivedAt)}: ${eventSummary.last.event.type} of order <code>${escape(
        eventSummary.last.event.orderId,
      )}</code>${eventSummary.last.duplicate ? " (a duplicate)" : ""}`
    : "nothing yet";
  const rows = orders
    .slice(0, MAX_ROWS)
    .map(
      (o) => `<tr${o.deliveries > 1 ? ' class="dup"' : ""}>
  <td><code>${escape(o.key)}</code></td>
  <td>${o.order.lines.reduce((n, l) => n + l.quantity, 0)}</td>
  <td>${formatMoney(o.order.totalCents)}</td>
  <td>${escape(o.order.completedAt)}</td>
  <td>${escape(o.firstReceivedAt)}</td>
  <td>${deliveriesCell(o.deliveries)}</td>
</tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Data platform receiver (stand-in)</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2937; }
  table { border-collapse: collapse; margin-top: 1rem; }
  th, td { padding: .25rem .75rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
  tr.dup { background: #fef3c7; }
  .figures { display: flex; gap: 2rem; }
  .figures strong { font-size: 1.5rem; display: block; }
</style>
</head>
<body>
<h1>Data platform receiver <small>(local stand-in)</small></h1>
<p>Completed orders exported by order-service (<code>POST /orders</code>), and their
cancellations and refunds (<code>POST /order-events</code>), each deduplicated by its
<code>Idempotency-Key</code>. This page refreshes every 5 s; the same as JSON at
<a href="/orders">/orders</a> and <a href="/order-events">/order-events</a>.</p>
<div class="figures">
  <div><strong id="orders">${summary.orders}</strong>orders received</div>
  <div><strong id="duplicates">${summary.duplicates}</strong>duplicate deliveries</div>
  <div><strong id="events">${eventSummary.events}</strong>cancellations and refunds received</div>
  <div><strong id="event-duplicates">${eventSummary.duplicates}</strong>duplicate event deliveries</div>
</div>
<p>Last received: ${last}</p>
<h2>Orders</h2>
<table id="orders-table">
<thead><tr><th>order (key)</th><th>items</th><th>total</th><th>completed</th><th>first received</th><th>deliveries</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${orders.length > MAX_ROWS ? `<p>… and ${orders.length - MAX_ROWS} older orders (see /orders).</p>` : ""}
<h2>Cancellations and refunds</h2>
<p>Last received: ${lastEvent}</p>
<table id="order-events">
<thead><tr><th>event (key)</th><th>type</th><th>order</th><th>items</th><th>amount</th><th>reason</th><th>completed</th><th>first received</th><th>deliveries</th></tr></thead>
<tbody>
${eventRows(events)}
</tbody>
</table>
${events.length > MAX_ROWS ? `<p>… and ${events.length - MAX_ROWS} older events (see /order-events).</p>` : ""}
</body>
</html>
`;
}
