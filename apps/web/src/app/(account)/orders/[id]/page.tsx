import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { OrderDetailView } from "@/components/orders/order-detail";
import { currentUser } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { prefetchOrNotFound } from "@/server/load";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/**
 * One of the shopper's orders, with the checkout's progress. Someone else's order, or an id
 * that is none, is a 404 (order-service answers NOT_FOUND for both).
 */
export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  if (!(await currentUser())) redirect(`/sign-in?next=${encodeURIComponent(`/orders/${id}`)}`);
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await prefetchOrNotFound(queryClient.fetchQuery(trpc.orders.get.queryOptions({ orderId: id })));
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <nav className="mb-2 text-sm text-stone-500">
        <Link href="/orders" className="hover:text-brand-700">
          Your orders
        </Link>{" "}
        / Order
      </nav>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OrderDetailView orderId={id} />
      </HydrationBoundary>
    </div>
  );
}
