import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { filtersToInput, parseAdminFilters } from "@/components/admin/filters";
import { ProductsAdmin } from "@/components/admin/products-admin";
import { requireAdminPage } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Products" };

/**
 * The product admin. The first view is prefetched on the server through the BFF and hydrated;
 * after that the browser queries the BFF itself. Filters live in the URL. A failed prefetch
 * is not fatal: the browser retries and shows the error state.
 */
export default async function AdminProductsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage();
  const filters = parseAdminFilters(await searchParams);
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await Promise.all([
    queryClient.prefetchQuery(trpc.admin.products.list.queryOptions(filtersToInput(filters))),
    queryClient.prefetchQuery(trpc.catalog.categories.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ProductsAdmin initialFilters={filters} />
    </HydrationBoundary>
  );
}
