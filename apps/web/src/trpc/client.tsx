"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/router";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

const newQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } });
const newTRPCClient = () =>
  createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc" })] });

let browser: { queryClient: QueryClient; trpcClient: TRPCClient<AppRouter> } | undefined;

/**
 * One query cache per browser tab, shared by every provider on the page: the header's cart
 * link, a product page's "Add to cart" and the cart page each wrap only themselves (so cached
 * catalog pages stay server components), yet an add updates the header's count. On the server
 * every render gets its own, so no visitor's data is ever shared.
 */
function clients() {
  if (typeof window === "undefined")
    return { queryClient: newQueryClient(), trpcClient: newTRPCClient() };
  browser ??= { queryClient: newQueryClient(), trpcClient: newTRPCClient() };
  return browser;
}

/**
 * Wraps the interactive parts: account, cart, checkout, order and admin pages, and the small
 * client islands of catalog pages (the header's cart link, "Add to cart"). Signing in or out
 * reloads the page, so the tab's cache never outlives its user.
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [{ queryClient, trpcClient }] = useState(clients);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
