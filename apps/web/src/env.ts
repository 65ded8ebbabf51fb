import { z } from "zod";
import { assertNoDevKeysInProduction } from "@shop/service-kit/env";
import { internalAuthPrivateKeyEnv } from "@shop/service-kit/internal-auth-signer";

/** The BFF's configuration, parsed once. Only server code imports this file. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PRODUCT_SERVICE_URL: z.url().default("http://127.0.0.1:4001"),
  USER_SERVICE_URL: z.url().default("http://127.0.0.1:4002"),
  /**
   * Ed25519 private key (PEM PKCS8, as-is or base64-encoded) signing the BFF's internal
   * credentials; only the BFF holds it, the services get the public key. Local default only.
   */
  INTERNAL_AUTH_PRIVATE_KEY: internalAuthPrivateKeyEnv,
  /**
   * Where the client's address comes from, for per-address sign-in limits. Behind a reverse
   * proxy, that proxy must set this header itself (overwriting what a client sent).
   */
  CLIENT_IP_HEADER: z.string().default("x-forwarded-for"),
  /** How many proxies of ours stand in front (the client's address is that far from the right). */
  CLIENT_IP_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** `auto`: Secure when the request came over https (X-Forwarded-Proto). */
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
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
