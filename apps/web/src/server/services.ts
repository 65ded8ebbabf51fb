import "server-only";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { ProductServiceRouter } from "@shop/product-service/api";
import { env } from "@/env";

/** A service that does not answer in time is treated as down; the page says so. */
const SERVICE_TIMEOUT_MS = 5_000;

const timedFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    signal: init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(SERVICE_TIMEOUT_MS)])
      : AbortSignal.timeout(SERVICE_TIMEOUT_MS),
  });

/** Typed clients of the domain services' own tRPC APIs. The browser never reaches these. */
export const services = {
  product: createTRPCClient<ProductServiceRouter>({
    links: [httpBatchLink({ url: `${env.PRODUCT_SERVICE_URL}/trpc`, fetch: timedFetch })],
  }),
};

export type Services = typeof services;
