import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Cart } from "@/components/cart/cart";
import { currentUser } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

/** The shopper's cart (kept by order-service); the first view is prefetched and hydrated. */
export default async function CartPage() {
  if (!(await currentUser())) redirect("/sign-in?next=/cart");
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  // A failed prefetch is not fatal: the browser asks again and shows what failed.
  await queryClient.prefetchQuery(trpc.cart.get.queryOptions());
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight sm:text-4xl">Your cart</h1>
      <div className="mt-8">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Cart />
        </HydrationBoundary>
      </div>
    </div>
  );
}
