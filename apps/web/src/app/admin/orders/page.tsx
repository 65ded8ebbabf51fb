import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { adminOrdersPages, parseOrderState } from "@/components/admin/order-filters";
import { OrdersAdmin } from "@/components/admin/orders-admin";
import { requireAdminPage } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Orders" };

/** Every order, filtered by state (?state=…); the first page is prefetched and hydrated. */
export default async function AdminOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage();
  const state = parseOrderState((await searchParams).state);
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await queryClient.prefetchInfiniteQuery(adminOrdersPages(trpc, state));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrdersAdmin initialState={state} />
    </HydrationBoundary>
  );
}
