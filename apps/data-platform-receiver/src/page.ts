import { formatMoney } from "@shop/kernel";
import type { ReceivedOrder, Summary } from "./store";

/** The receiver's page: what arrived, newest first, with duplicate deliveries marked. */

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const MAX_ROWS = 200;

export function renderPage(summary: Summary, orders: readonly ReceivedOrder[]): string {
  const last = summary.last
    ? `${escape(summary.last.receivedAt)}: order <code>${escape(summary.last.key)}</code>${
        summary.last.duplicate ? " (a duplicate)" : ""
      }`
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
  <td>${o.deliveries}${o.deliveries > 1 ? ` (${o.deliveries - 1} duplicate)` : ""}</td>
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
<p>Completed orders exported by order-service (<code>POST /orders</code>, deduplicated by
<code>Idempotency-Key</code>). This page refreshes every 5 s; the same as JSON at
<a href="/orders">/orders</a>.</p>
<div class="figures">
  <div><strong id="orders">${summary.orders}</strong>orders received</div>
  <div><strong id="duplicates">${summary.duplicates}</strong>duplicate deliveries</div>
</div>
<p>Last received: ${last}</p>
<table>
<thead><tr><th>order (key)</th><th>items</th><th>total</th><th>completed</th><th>first received</th><th>deliveries</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${orders.length > MAX_ROWS ? `<p>… and ${orders.length - MAX_ROWS} older orders (see /orders).</p>` : ""}
</body>
</html>
`;
}
