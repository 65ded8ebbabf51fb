"use client";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@/server/router";

/**
 * A plain tRPC client (no query cache) for the header's account menu: the header ships on
 * every page, so it stays small. Interactive pages use TanStack Query (src/trpc/client.tsx).
 */
export const browserClient = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/api/trpc" })],
});
