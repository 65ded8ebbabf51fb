import "server-only";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { ProductServiceRouter } from "@shop/product-service/api";
import type { UserServiceRouter } from "@shop/user-service/api";
import type { Actor } from "@shop/contracts";
import { internalAuth } from "@shop/service-kit/internal-auth";
import { env } from "@/env";

/** A service that does not answer in time is treated as down; the page says so. */
const SERVICE_TIMEOUT_MS = 5_000;
/** The services accept batches up to this size (service-kit MAX_BATCH_SIZE). */
const MAX_BATCH = 10;

/**
 * fetch with a deadline. A plain timer and controller, not AbortSignal.any(AbortSignal.timeout):
 * on Node 20 the timeout signal inside AbortSignal.any can be garbage-collected before it
 * fires, and a call to a hung service then waits forever (seen in CI).
 */
const timedFetch: typeof fetch = async (input, init) => {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The service did not answer in time", "TimeoutError")),
    SERVICE_TIMEOUT_MS,
  );
  const upstream = init?.signal;
  const forward = () => controller.abort(upstream?.reason);
  upstream?.addEventListener("abort", forward, { once: true });
  try {
    // Read the body under the same deadline: a service that stalls mid-answer is down too.
    const response = await fetch(input, { ...init, signal: controller.signal });
    const body = await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } finally {
    clearTimeout(timer);
    upstream?.removeEventListener("abort", forward);
  }
};

const auth = internalAuth(env.INTERNAL_AUTH_SECRET);

/**
 * Typed clients of the domain services' own tRPC APIs, carrying the internal credential of
 * the actor the BFF vouches for (signed once per request). The browser never reaches these.
 */
export function servicesFor(actor: Actor) {
  let credential: Promise<string> | undefined;
  const headers = async () => ({
    authorization: `Bearer ${await (credential ??= auth.sign(actor))}`,
  });
  const link = (url: string) =>
    httpBatchLink({
      url: `${url}/trpc`,
      fetch: timedFetch,
      headers,
      maxItems: MAX_BATCH,
      maxURLLength: 8_000,
    });
  return {
    product: createTRPCClient<ProductServiceRouter>({ links: [link(env.PRODUCT_SERVICE_URL)] }),
    user: createTRPCClient<UserServiceRouter>({ links: [link(env.USER_SERVICE_URL)] }),
  };
}

export type Services = ReturnType<typeof servicesFor>;
