import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { appRouter } from "@/server/router";
import { createContext, type RequestFacts } from "@/server/trpc";

/**
 * For interactive pages: prefetch on the server through the BFF router (as the signed-in
 * user), hand the results to the browser's query cache (HydrationBoundary), so the first view
 * arrives rendered.
 */
export function createServerQueries(facts: RequestFacts) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });
  const trpc = createTRPCOptionsProxy({
    router: appRouter,
    ctx: () => createContext(facts),
    queryClient,
  });
  return { queryClient, trpc };
}
