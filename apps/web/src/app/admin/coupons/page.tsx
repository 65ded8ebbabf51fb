import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { CouponsAdmin } from "@/components/admin/coupons-admin";
import { requireAdminPage } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Coupons" };

export default async function AdminCouponsPage() {
  await requireAdminPage();
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await queryClient.prefetchQuery(trpc.admin.coupons.list.queryOptions());
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CouponsAdmin />
    </HydrationBoundary>
  );
}
