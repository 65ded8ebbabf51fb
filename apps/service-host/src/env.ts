import { z } from "zod";
import { parseEnv, SERVICES } from "@shop/service-kit";

/*
 * The host's settings, and each service's: in one process the five share one environment, so
 * a setting meant for one service carries its name (ORDER_SERVICE_PORT, PAYMENT_SERVICE_
 * DATABASE_URL) and a plain one (LOG_LEVEL, INTERNAL_AUTH_PUBLIC_KEY) is every service's.
 * SHOP_POSTGRES_URL is the server the services' databases are on (each its own database, as
 * in services.json).
 */

export const HOSTED = [
  "user-service",
  "product-service",
  "coupon-service",
  "payment-service",
  "order-service",
] as const;
export type Hosted = (typeof HOSTED)[number];

const host = parseEnv(
  z.object({ SHOP_POSTGRES_URL: z.url().default("postgresql://postgres@127.0.0.1:5432") }),
  process.env,
);

const prefixOf = (service: Hosted) => `${service.toUpperCase().replace(/-/g, "_")}_`;
const PREFIXES = HOSTED.map(prefixOf);
// Each service's own keys: never taken from the shared environment, whoever set them.
const OWN_KEYS = ["PORT", "DATABASE_URL", "RABBITMQ_URL"];

/** The environment `service` parses its settings from (its env.ts's loadConfig). */
export function sourceFor(service: Hosted): Record<string, string | undefined> {
  const shared = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !OWN_KEYS.includes(key) && !PREFIXES.some((p) => key.startsWith(p)),
    ),
  );
  const database = SERVICES.find((s) => s.name === service)?.database;
  const url = new URL(host.SHOP_POSTGRES_URL);
  url.pathname = `/${database}`;
  const own = Object.fromEntries(
    Object.entries(process.env)
      .filter(([key]) => key.startsWith(prefixOf(service)))
      .map(([key, value]) => [key.slice(prefixOf(service).length), value]),
  );
  return { ...shared, DATABASE_URL: url.toString(), ...own };
}
