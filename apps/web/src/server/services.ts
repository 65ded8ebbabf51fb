import "server-only";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { ProductServiceRouter } from "@shop/product-service/api";
import type { UserServiceRouter } from "@shop/user-service/api";
import type { PaymentServiceRouter } from "@shop/payment-service/api";
import type { CouponServiceRouter } from "@shop/coupon-service/api";
import type { OrderServiceRouter } from "@shop/order-service/api";
import type { Actor } from "@shop/contracts";
import type { ServiceAudience } from "@shop/service-kit/internal-auth";
import { internalCredentialSigner } from "@shop/service-kit/internal-auth-signer";
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

const signer = internalCredentialSigner(env.INTERNAL_AUTH_PRIVATE_KEY);

/** The services the BFF calls, by the key of their client (and the browser-facing name). */
export type ServiceKey = keyof typeof SERVICE_NAME;

/** Each service's name: the audience of its credential, as the services and ops know it. */
export const SERVICE_NAME = {
  product: "product-service",
  user: "user-service",
  payment: "payment-service",
  coupon: "coupon-service",
  order: "order-service",
} as const satisfies Record<string, ServiceAudience>;

/** Where each service answers (its base URL: /trpc, /health and /ready below it). */
export const SERVICE_URL: Record<ServiceKey, string> = {
  product: env.PRODUCT_SERVICE_URL,
  user: env.USER_SERVICE_URL,
  payment: env.PAYMENT_SERVICE_URL,
  coupon: env.COUPON_SERVICE_URL,
  order: env.ORDER_SERVICE_URL,
};

/**
 * Typed clients of the domain services' own tRPC APIs, carrying the internal credential of
 * the actor the BFF vouches for. Each service gets its own credential (its name is the
 * audience, so no service can replay what it received to another), signed at most once per
 * request and only when that service is called. The browser never reaches these.
 */
export function servicesFor(actor: Actor) {
  const credentials = new Map<ServiceAudience, Promise<string>>();
  const credentialFor = (audience: ServiceAudience) => {
    let credential = credentials.get(audience);
    if (!credential) credentials.set(audience, (credential = signer.sign(actor, audience)));
    return credential;
  };
  const link = (url: string, audience: ServiceAudience) =>
    httpBatchLink({
      url: `${url}/trpc`,
      fetch: timedFetch,
      headers: async () => ({ authorization: `Bearer ${await credentialFor(audience)}` }),
      maxItems: MAX_BATCH,
      maxURLLength: 8_000,
    });
  const client = (key: ServiceKey) => ({
    links: [link(SERVICE_URL[key], SERVICE_NAME[key])],
  });
  return {
    product: createTRPCClient<ProductServiceRouter>(client("product")),
    user: createTRPCClient<UserServiceRouter>(client("user")),
    payment: createTRPCClient<PaymentServiceRouter>(client("payment")),
    coupon: createTRPCClient<CouponServiceRouter>(client("coupon")),
    order: createTRPCClient<OrderServiceRouter>(client("order")),
  };
}

export type Services = ReturnType<typeof servicesFor>;
