import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";
import { isTimeZone, type SalesWindow } from "./domain/sales";

/** PORT, DATABASE_URL and their defaults (services.json), the pool, keys: see serviceEnvFor. */
const schema = serviceEnvFor("product-service").extend({
  /** The broker the saga's commands arrive on and its replies leave by (through the outbox). */
  RABBITMQ_URL: z.string().default("amqp://guest:guest@127.0.0.1:5672"),
  /** Saga commands handled at once by this instance (each holds a database connection). */
  COMMAND_PREFETCH: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a handled command's id is remembered (the inbox), for redeliveries. */
  INBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** "Popular now": units sold over the last N calendar days, today included. */
  POPULAR_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(3),
  /** How long an instance keeps the top products it read (adapters/out/cached-sales-view.ts). */
  POPULAR_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Where the shop's days start and end (an IANA zone); changing it needs a rebuild. */
  SHOP_TIME_ZONE: z.string().refine(isTimeZone, "Not a time zone").default("UTC"),
});

/**
 * The service's settings, parsed once: from process.env in a process of its own (main.ts); a
 * host running several services in one process passes each a source of its own.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(schema, source);
  /** The saga side's settings (startParticipant and the command consumer). */
  const messagingConfig = {
    prefetch: env.COMMAND_PREFETCH,
    inboxKeepMs: env.INBOX_KEEP_DAYS * 86_400_000,
  };

  /** The popular products' window and the days' time zone. */
  const salesWindow: SalesWindow = {
    days: env.POPULAR_WINDOW_DAYS,
    timeZone: env.SHOP_TIME_ZONE,
  };
  return { env, messagingConfig, salesWindow };
}

export type ProductConfig = ReturnType<typeof loadConfig>;
