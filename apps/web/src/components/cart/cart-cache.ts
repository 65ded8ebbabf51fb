"use client";
import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback } from "react";
import type { AppRouter } from "@/server/router";
import { useTRPC } from "@/trpc/client";

/** The cart as the BFF answers it (cart.get, and every change to the cart). */
export type CartView = inferRouterOutputs<AppRouter>["cart"]["get"];
export type CartLine = CartView["lines"][number];

/**
 * Puts a cart the BFF answered into the tab's query cache: the cart page and the header's count
 * show it at once, with no second request.
 */
export function useShowCart() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (cart: CartView) => {
      queryClient.setQueryData(trpc.cart.get.queryKey(), cart);
      queryClient.setQueryData(trpc.cart.count.queryKey(), cart.count);
    },
    [queryClient, trpc],
  );
}
