import type { Metadata } from "next";
import { Coupons } from "@/components/coupons/coupons";
import { TRPCReactProvider } from "@/trpc/client";

export const metadata: Metadata = { title: "Coupons" };

/**
 * Limited coupons, first come first served. The page itself is static: the campaigns' counts
 * and the shopper's own coupons are asked by the browser, so they are never a stale cache.
 */
export default function CouponsPage() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-12 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight sm:text-4xl">Coupons</h1>
      <p className="mt-2 max-w-2xl text-stone-600">
        A limited number of each, first come first served: one per shopper per campaign. Use it at
        checkout.
      </p>
      <div className="mt-10">
        <TRPCReactProvider>
          <Coupons />
        </TRPCReactProvider>
      </div>
    </div>
  );
}
