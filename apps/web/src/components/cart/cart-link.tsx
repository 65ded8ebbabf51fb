"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TRPCReactProvider, useTRPC } from "@/trpc/client";

/**
 * The header's cart link with the number of items, for a signed-in shopper (the account menu
 * renders it once it knows who is signed in). It is asked by the browser, so cached catalog
 * pages stay cached; adding or changing items updates it through the tab's query cache.
 */
export function CartLink() {
  return (
    <TRPCReactProvider>
      <CartCount />
    </TRPCReactProvider>
  );
}

function CartCount() {
  const trpc = useTRPC();
  // If order-service cannot answer, the link simply goes without a number.
  const count = useQuery(trpc.cart.count.queryOptions(undefined, { staleTime: 30_000 }));
  const n = count.data ?? 0;
  return (
    <Link
      href="/cart"
      className="relative inline-flex items-center gap-1.5 hover:text-brand-700"
      aria-label={count.data === undefined ? "Cart" : `Cart, ${n} ${n === 1 ? "item" : "items"}`}
      data-testid="header-cart"
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      >
        <path
          d="M5 8h14l-1.2 11.1a2 2 0 0 1-2 1.9H8.2a2 2 0 0 1-2-1.9L5 8Zm4 0V6.5a3 3 0 0 1 6 0V8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="hidden sm:inline">Cart</span>
      {n > 0 && (
        <span
          className="grid h-5 min-w-5 place-items-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold tabular-nums text-white"
          data-testid="cart-count"
        >
          {n}
        </span>
      )}
    </Link>
  );
}
