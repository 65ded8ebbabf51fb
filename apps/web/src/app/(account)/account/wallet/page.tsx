import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Wallet } from "@/components/wallet/wallet";
import { currentUser } from "@/server/admin-guard";
import { requestFacts } from "@/server/current-user";
import { createServerQueries } from "@/trpc/server";

export const metadata: Metadata = { title: "Your balance", robots: { index: false } };

/** The shopper's wallet; the first view is prefetched through the BFF and hydrated. */
export default async function WalletPage() {
  if (!(await currentUser())) redirect("/sign-in?next=/account/wallet");
  const { queryClient, trpc } = createServerQueries(await requestFacts());
  // A failed prefetch is not fatal: the browser asks again and shows what failed.
  await Promise.all([
    queryClient.prefetchQuery(trpc.wallet.balance.queryOptions()),
    queryClient.prefetchInfiniteQuery(
      trpc.wallet.ledger.infiniteQueryOptions(
        { limit: 20 },
        { getNextPageParam: (p) => p.nextBefore },
      ),
    ),
  ]);
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <nav className="text-sm text-stone-500">
        <Link href="/account" className="hover:text-brand-700">
          Your account
        </Link>{" "}
        / Balance
      </nav>
      <h1 className="mt-2 font-display text-3xl font-semibold tracking-tight sm:text-4xl">
        Your balance
      </h1>
      <p className="mt-2 text-stone-600">
        Charge it once, then pay for orders from it. Refunds come back here.
      </p>
      <div className="mt-8">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Wallet />
        </HydrationBoundary>
      </div>
    </div>
  );
}
