"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { SagaLogEntry } from "@shop/contracts";
import type { AdminOrderView } from "@/server/orders/requester-names";
import { useTRPC } from "@/trpc/client";
import { FulfilmentView } from "../orders/fulfilment";
import { MoneyTrail } from "../orders/money-trail";
import { clockMs, instant, isSettled, orderNumber } from "../orders/order-format";
import { OrderLines } from "../orders/order-lines";
import { StateBadge } from "../orders/state-badge";
import { Timeline } from "../orders/timeline";
import { shopErrorOf } from "../ui/shop-error";
import { FulfilmentActions } from "./fulfilment-actions";
import { DeadLetters } from "./ops/dead-letters";
import { REFUNDABLE, RefundForm } from "./refund-form";
import { TraceLink } from "./trace-link";

/**
 * One order as an operator needs it to answer "why did it end like this": its facts, the
 * timeline the shopper saw, and the saga's whole log (every command, reply, retry, deadline and
 * state change, to the millisecond). Followed live while a saga runs (checkout, cancellation,
 * refund). After the sale: ship, deliver and refund it, and see who refunded what, and why.
 */
export function OrderAdminDetail({
  orderId,
  traceUrlTemplate,
}: {
  orderId: string;
  /** TRACE_URL_TEMPLATE: where the order's trace is linked to; empty for no link. */
  traceUrlTemplate: string;
}) {
  const trpc = useTRPC();
  const order = useQuery(
    trpc.admin.orders.get.queryOptions(
      { orderId },
      { refetchInterval: (q) => (isSettled(q.state.data) ? false : 1000) },
    ),
  );
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <nav className="text-sm text-stone-500">
        <Link href="/admin/orders" className="hover:text-brand-700">
          Orders
        </Link>{" "}
        / {orderNumber(orderId)}
      </nav>
      {order.data ? (
        <Detail order={order.data} traceUrlTemplate={traceUrlTemplate} />
      ) : order.isError ? (
        <p role="alert" className="mt-6 text-sm text-red-700">
          {shopErrorOf(order.error).message}
        </p>
      ) : (
        <div className="mt-6 h-64 animate-pulse rounded-2xl bg-white ring-1 ring-stone-200" />
      )}
    </div>
  );
}

function Detail({
  order: o,
  traceUrlTemplate,
}: {
  order: AdminOrderView;
  traceUrlTemplate: string;
}) {
  const facts: [string, React.ReactNode][] = [
    ["Order id", <code key="id">{o.id}</code>],
    ["Shopper (user id)", <code key="user">{o.userId}</code>],
    ["Placed", `${instant(o.placedAt)} UTC`],
    ["Completed", o.completedAt ? `${instant(o.completedAt)} UTC` : "—"],
    ["Coupon", o.couponId ? <code key="coupon">{o.couponId}</code> : "none"],
    ["Trace", <TraceLink key="trace" traceId={o.traceId} template={traceUrlTemplate} />],
    [
      "Saga",
      `version ${o.saga.version} · step ${o.saga.step ?? "—"}${o.saga.deadline ? ` · deadline ${instant(o.saga.deadline)} UTC` : ""}`,
    ],
  ];
  return (
    <>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="font-display text-3xl font-semibold tracking-tight">
          Order {orderNumber(o.id)}
        </h1>
        <StateBadge state={o.state} />
      </div>
      {o.state === "CANCELLED" && (
        <p
          className="mt-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="admin-cancel"
        >
          <span className="font-mono text-xs">{o.cancelCode}</span>
          {o.cancelReason && o.cancelReason !== o.cancelCode && (
            <span className="font-mono text-xs"> ({o.cancelReason})</span>
          )}
          {" · "}
          {o.cancelMessage}
        </p>
      )}
      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <dl className="divide-y divide-stone-100 rounded-2xl bg-white text-sm ring-1 ring-stone-200">
            {facts.map(([term, value]) => (
              <div key={term} className="grid gap-1 px-5 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4">
                <dt className="font-medium text-stone-500">{term}</dt>
                <dd className="min-w-0 break-all text-stone-900">{value}</dd>
              </div>
            ))}
          </dl>
          <section
            aria-labelledby="lines-heading"
            className="rounded-2xl bg-white ring-1 ring-stone-200"
          >
            <h2 id="lines-heading" className="border-b border-stone-200 px-6 py-4 font-medium">
              Lines
            </h2>
            <OrderLines order={o} />
          </section>
          <MoneyTrail order={o} requester={(r) => r.requestedByName ?? r.requestedBy} />
          {REFUNDABLE.has(o.state) &&
            (o.totalCents !== null && o.refundedCents >= o.totalCents ? (
              <p className="rounded-2xl bg-white px-6 py-4 text-sm text-stone-600 ring-1 ring-stone-200">
                Everything paid for this order was refunded.
              </p>
            ) : (
              <RefundForm order={o} />
            ))}
        </div>
        <div className="space-y-6">
          <FulfilmentActions order={o} />
          <section
            aria-labelledby="timeline-heading"
            className="rounded-2xl bg-white p-6 ring-1 ring-stone-200"
          >
            <h2 id="timeline-heading" className="mb-4 font-medium">
              Timeline
            </h2>
            <Timeline steps={o.timeline} />
          </section>
          <FulfilmentView fulfilment={o.fulfilment} state={o.state} />
        </div>
      </div>
      <SagaLog entries={o.log} />
      <div className="mt-6">
        <DeadLetters correlationId={o.id} refetchMs={isSettled(o) ? 10_000 : 2_000} />
      </div>
    </>
  );
}

const DIRECTION: Record<SagaLogEntry["direction"], { label: string; tone: string }> = {
  sent: { label: "→ sent", tone: "bg-stone-100 text-stone-700 ring-stone-200" },
  received: { label: "← received", tone: "bg-brand-50 text-brand-700 ring-brand-100" },
  deadline: { label: "⏱ deadline", tone: "bg-amber-50 text-amber-900 ring-amber-200" },
  resumed: { label: "↻ resumed", tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  status: { label: "● state", tone: "bg-stone-800 text-white ring-stone-800" },
};

function SagaLog({ entries }: { entries: SagaLogEntry[] }) {
  const start = entries[0] ? Date.parse(entries[0].at) : 0;
  return (
    <section
      aria-labelledby="log-heading"
      className="mt-6 rounded-2xl bg-white ring-1 ring-stone-200"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-stone-200 px-6 py-4">
        <h2 id="log-heading" className="font-medium">
          Saga log
        </h2>
        <p className="text-xs text-stone-500">
          {entries.length} entries
          {entries[0] ? ` from ${entries[0].at.slice(0, 10)}` : ""} · times in UTC · +ms since the
          first · Δms since the entry before · attempt &gt; 1 is a retry
        </p>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[52rem] text-left text-sm" data-testid="saga-log">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Time</th>
              <th className="px-4 py-3 text-right font-medium">+ms</th>
              <th className="px-4 py-3 text-right font-medium">Δms</th>
              <th className="px-4 py-3 font-medium">Direction</th>
              <th className="px-4 py-3 font-medium">Type</th>
              <th className="px-4 py-3 text-right font-medium">Attempt</th>
              <th className="px-4 py-3 font-medium">Note</th>
              <th className="px-4 py-3 font-medium">Message</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {entries.map((e, i) => (
              <tr
                key={i}
                data-testid="saga-log-row"
                className={e.direction === "status" ? "bg-stone-50/70" : ""}
              >
                <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-stone-700">
                  <time dateTime={e.at} title={`${instant(e.at)} UTC`}>
                    {clockMs(e.at)}
                  </time>
                </td>
                <td className="px-4 py-2.5 text-right font-mono text-xs tabular-nums text-stone-500">
                  {Date.parse(e.at) - start}
                </td>
                <td className="px-4 py-2.5 text-right font-mono text-xs tabular-nums text-stone-500">
                  {i === 0 ? "" : Date.parse(e.at) - Date.parse(entries[i - 1]?.at ?? e.at)}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${DIRECTION[e.direction].tone}`}
                  >
                    {DIRECTION[e.direction].label}
                  </span>
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs text-stone-900">
                  {e.type}
                  {e.refundId && (
                    // Which cancellation or refund saga of the order the entry belongs to.
                    <span
                      className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-[11px] text-amber-900 ring-1 ring-amber-200"
                      title={`refund ${e.refundId}`}
                    >
                      ↩ {e.refundId.slice(0, 8)}
                    </span>
                  )}
                </td>
                <td
                  className={`px-4 py-2.5 text-right tabular-nums ${e.attempt && e.attempt > 1 ? "font-semibold text-amber-800" : "text-stone-600"}`}
                >
                  {e.attempt ?? ""}
                </td>
                <td className="px-4 py-2.5 text-xs text-stone-700">{e.note}</td>
                <td
                  className="px-4 py-2.5 font-mono text-xs text-stone-500"
                  title={e.messageId ?? undefined}
                >
                  {e.messageId ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 && <p className="px-6 py-6 text-sm text-stone-500">No entries yet.</p>}
    </section>
  );
}
