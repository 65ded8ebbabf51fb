import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { appRouter } from "@/server/router";
import { createContext } from "@/server/trpc";

/**
 * For interactive pages: prefetch on the server through the BFF router, hand the results to
 * the browser's query cache (HydrationBoundary), so the first view arrives rendered.
 */
export function createServerQueries() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });
  const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: createContext, queryClient });
  return { queryClient, trpc };
}
