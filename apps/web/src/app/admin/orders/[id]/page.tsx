import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { OrderAdminDetail } from "@/components/admin/order-admin-detail";
import { env } from "@/env";
import { requireAdminPage } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { prefetchOrNotFound } from "@/server/load";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Order" };

/** One order with its saga log, for an operator. An unknown id is a 404. */
export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await prefetchOrNotFound(
    queryClient.fetchQuery(trpc.admin.orders.get.queryOptions({ orderId: id })),
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      {/* The template is server configuration: the client component gets it as a prop. */}
      <OrderAdminDetail orderId={id} traceUrlTemplate={env.TRACE_URL_TEMPLATE} />
    </HydrationBoundary>
  );
}
