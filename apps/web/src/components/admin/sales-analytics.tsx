"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { formatMoney, type SalesAnalytics as Analytics } from "@shop/contracts";
import { windowPhrase, windowRange } from "@/lib/sales-window";
import { useTRPC } from "@/trpc/client";
import { shopErrorOf } from "../ui/shop-error";
import { SalesChart } from "./sales-chart";
import { salesChartModel, seriesColor } from "./sales-chart-model";

/** Completed orders keep arriving while the page is open: it asks again this often. */
const REFRESH_MS = 30_000;

/**
 * The admin's sales analytics: daily units of the window's top products as a bar chart, and
 * the top-5 table (rank, product, units, revenue). From product-service's read models, which
 * count completed orders only, net of refunds: a cancelled or refunded unit is taken off the day
 * it was sold on.
 */
export function SalesAnalytics() {
  const trpc = useTRPC();
  const sales = useQuery(
    trpc.admin.analytics.sales.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight">Sales analytics</h1>
      {sales.data ? (
        <Report analytics={sales.data} />
      ) : sales.isError ? (
        <p role="alert" className="mt-6 text-sm text-red-700">
          {shopErrorOf(sales.error).message}
        </p>
      ) : (
        <div className="mt-6 h-80 animate-pulse rounded-2xl bg-white ring-1 ring-stone-200" />
      )}
    </div>
  );
}

function Report({ analytics }: { analytics: Analytics }) {
  const model = useMemo(() => salesChartModel(analytics), [analytics]);
  const { window: salesWindow, items } = analytics;
  // product-service says what cancellations and refunds took off (admin view only).
  const showReturns = items.some((i) => i.returnedUnits !== undefined);
  return (
    <>
      <p className="mt-1 text-sm text-stone-500" data-testid="analytics-window">
        Units sold in completed orders {windowPhrase(salesWindow.days)}, net of refunds:{" "}
        {windowRange(salesWindow)}. Cancelled orders and refunded units never count.
      </p>
      {items.length === 0 ? (
        <div className="mt-8 rounded-2xl border border-dashed border-stone-300 bg-white p-12 text-center">
          <p className="text-lg font-medium">No sales {windowPhrase(salesWindow.days)} yet</p>
          <p className="mt-1 text-sm text-stone-500">
            Completed orders show up here within seconds.
          </p>
        </div>
      ) : (
        // Columns of minmax(0, …): a canvas sized at a wider width must not hold its column open.
        <div className="mt-8 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <figure className="min-w-0 rounded-2xl bg-white p-4 ring-1 ring-stone-200 sm:p-6">
            <figcaption className="text-sm font-semibold text-stone-900">
              Daily units net of refunds, top {items.length}{" "}
              {items.length === 1 ? "product" : "products"}
            </figcaption>
            {/* Taller on a phone, where the legend wraps to a line per product. */}
            <div className="relative mt-4 h-96 sm:h-80">
              <SalesChart model={model} />
            </div>
          </figure>
          <section
            aria-labelledby="top-products"
            className="overflow-x-auto rounded-2xl bg-white ring-1 ring-stone-200"
          >
            <h2 id="top-products" className="px-4 pt-4 text-sm font-semibold text-stone-900">
              Top {items.length} {windowPhrase(salesWindow.days)}
            </h2>
            <table className="mt-2 w-full text-left text-sm" data-testid="top-products">
              <thead className="border-b border-stone-200 text-xs uppercase tracking-wide text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    #
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Product
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    Net units
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Net revenue
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {items.map((item, i) => (
                  <tr key={item.product.id} data-testid="top-product" data-rank={item.rank}>
                    <td className="px-4 py-3 font-semibold tabular-nums">{item.rank}</td>
                    <td className="px-2 py-3">
                      <span className="flex items-start gap-2">
                        <span
                          aria-hidden
                          className="mt-1 size-3 shrink-0 rounded-sm"
                          style={{ backgroundColor: seriesColor(i) }}
                        />
                        <span className="min-w-0">
                          {item.product.status === "active" ? (
                            <Link
                              href={`/products/${item.product.slug}`}
                              className="font-medium text-stone-900 hover:text-brand-700 hover:underline"
                            >
                              {item.product.name}
                            </Link>
                          ) : (
                            <span className="font-medium text-stone-900">{item.product.name}</span>
                          )}
                          {item.product.status === "archived" && (
                            <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600">
                              archived
                            </span>
                          )}
                        </span>
                      </span>
                    </td>
                    <td className="px-2 py-3 text-right tabular-nums">
                      <span data-testid="top-units">{item.unitsSold}</span>
                      {showReturns && (item.returnedUnits ?? 0) > 0 && (
                        // What cancellations and refunds took off the units and the revenue.
                        <span
                          className="block whitespace-nowrap text-xs text-red-700"
                          data-testid="top-returned"
                          title={`${formatMoney(item.returnedRevenueCents ?? 0)} refunded`}
                        >
                          −{item.returnedUnits} returned
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">
                      {formatMoney(item.revenueCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </>
  );
}
