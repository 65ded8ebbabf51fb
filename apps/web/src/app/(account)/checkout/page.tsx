import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Checkout } from "@/components/checkout/checkout";
import { currentUser } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

/** Review the cart, choose a coupon, see the total against the balance, place the order. */
export default async function CheckoutPage() {
  if (!(await currentUser())) redirect("/sign-in?next=/checkout");
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  await Promise.all([
    queryClient.prefetchQuery(trpc.cart.get.queryOptions()),
    queryClient.prefetchQuery(trpc.coupons.mine.queryOptions()),
    queryClient.prefetchQuery(trpc.wallet.balance.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <nav className="text-sm text-stone-500">
        <Link href="/cart" className="hover:text-brand-700">
          Your cart
        </Link>{" "}
        / Checkout
      </nav>
      <h1 className="mt-2 font-display text-3xl font-semibold tracking-tight sm:text-4xl">
        Checkout
      </h1>
      <div className="mt-8">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Checkout />
        </HydrationBoundary>
      </div>
    </div>
  );
}
