import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy";
import { assertNoDevKeysInProduction } from "@shop/service-kit/env";
import { defaultServiceUrl } from "@shop/service-kit/services";
import { internalAuthPrivateKeyEnv } from "@shop/service-kit/internal-auth-signer";

/** The BFF's configuration, parsed once. Only server code imports this file. */
const schema = z.object({
  // Unset means production (as in the services): src/main.ts is started by plain node, and a
  // forgotten NODE_ENV must not accept the public development key.
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Each service's default address is its port in services.json (scripts/lib/stack.mjs sets
  // <NAME>_URL for every service it starts).
  PRODUCT_SERVICE_URL: z.url().default(defaultServiceUrl("product-service")),
  USER_SERVICE_URL: z.url().default(defaultServiceUrl("user-service")),
  PAYMENT_SERVICE_URL: z.url().default(defaultServiceUrl("payment-service")),
  COUPON_SERVICE_URL: z.url().default(defaultServiceUrl("coupon-service")),
  ORDER_SERVICE_URL: z.url().default(defaultServiceUrl("order-service")),
  /**
   * Ed25519 private key (PEM PKCS8, as-is or base64-encoded) signing the BFF's internal
   * credentials; only the BFF holds it, the services get the public key. Local default only.
   */
  INTERNAL_AUTH_PRIVATE_KEY: internalAuthPrivateKeyEnv,
  /**
   * Which proxies in front of the BFF may say who the client is (X-Forwarded-For/-Proto):
   * unset trusts none, so the client's address is the connection's own; a number N trusts the
   * N nearest hops; or a comma-separated list of proxy addresses/subnets ("loopback",
   * "10.0.0.0/8"). Set it only to what really stands in front (see README, "Client address").
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .refine((v) => {
      try {
        parseTrustProxy(v);
        return true;
      } catch {
        return false;
      }
    }, 'Use a number of hops, or addresses and subnets like "loopback, 10.0.0.0/8"'),
  /**
   * The origins the shop is served at (comma-separated, e.g. "https://shop.example"): a
   * state-changing request's Origin must be one of them. Unset: it must name the request's host.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin))),
  /** Where src/main.ts listens. */
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** `auto`: Secure when the client reached us over https (as the front determined it). */
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  /**
   * How long the front answers a cached page itself before asking Next again (src/http/
   * page-cache.ts); 0 turns that cache off. An admin edit drops it at once whatever this says.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  /** Memory for those pages (compressed bytes as sent), least recently used dropped first. */
  PAGE_CACHE_MB: z.coerce.number().min(1).max(4096).default(32),
  /**
   * The build's folder, under apps/web (next.config.ts builds there; the browser tests build
   * into their own). src/main.ts takes Next's config from it, so the image needs no next.config.
   */
  NEXT_DIST_DIR: z.string().default(".next"),
  /**
   * Where a trace can be looked at, with {traceId} where its id goes (Jaeger:
   * "http://localhost:16686/trace/{traceId}"): the saga inspector links an order's trace there.
   * Empty (the default): the trace id is shown, unlinked.
   */
  TRACE_URL_TEMPLATE: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .refine((v) => v === "" || v.includes("{traceId}"), "Put {traceId} where the trace id goes")
    .refine((v) => v === "" || URL.canParse(v.replace("{traceId}", "0")), "Not a URL"),
  /** Set by Next while `next build` prerenders pages. */
  NEXT_PHASE: z.string().optional(),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Invalid configuration: ${JSON.stringify(z.flattenError(parsed.error).fieldErrors)}`,
  );
}
// `next build` runs in production mode but sends no internal call that matters (prerendering
// falls back when the services refuse it); the key is checked where it is used: at run time.
if (parsed.data.NEXT_PHASE !== "phase-production-build") assertNoDevKeysInProduction(parsed.data);
export const env = parsed.data;
export const isBuildPhase = env.NEXT_PHASE === "phase-production-build";
