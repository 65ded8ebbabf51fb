import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { SalesAnalytics } from "@/components/admin/sales-analytics";
import { requireAdminPage } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Analytics" };

/**
 * Sales over the popular products' window: a chart of the top products' daily units and the
 * top-5 table. Prefetched on the server and hydrated, so the table arrives rendered; the chart
 * library loads with this page only.
 */
export default async function AdminAnalyticsPage() {
  await requireAdminPage();
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await queryClient.prefetchQuery(trpc.admin.analytics.sales.queryOptions());
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SalesAnalytics />
    </HydrationBoundary>
  );
}
