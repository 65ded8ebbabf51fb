import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { OrdersList } from "@/components/orders/orders-list";
import { myOrdersPages } from "@/components/orders/order-paging";
import { currentUser } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

/** The shopper's orders, newest first; the first page is prefetched and hydrated. */
export default async function OrdersPage() {
  if (!(await currentUser())) redirect("/sign-in?next=/orders");
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  // A failed prefetch is not fatal: the browser asks again and shows what failed.
  await queryClient.prefetchInfiniteQuery(myOrdersPages(trpc));
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav className="text-sm text-stone-500">
        <Link href="/account" className="hover:text-brand-700">
          Your account
        </Link>{" "}
        / Orders
      </nav>
      <h1 className="mt-2 font-display text-3xl font-semibold tracking-tight sm:text-4xl">
        Your orders
      </h1>
      <div className="mt-8">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <OrdersList />
        </HydrationBoundary>
      </div>
    </div>
  );
}
