import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";
import { defaultStandInUrl } from "@shop/service-kit/services";
import { DEFAULT_EXPORT_POLICY } from "./application/export-due-orders";
import { DEFAULT_STEP_TIMEOUT_MS } from "./domain/saga";

const schema = serviceEnvFor("order-service").extend({
  /** The broker the saga's commands leave through and the participants' replies arrive on. */
  RABBITMQ_URL: z.url().default("amqp://guest:guest@127.0.0.1:5672"),
  /**
   * Replies handled at once by this process (the consumer's prefetch). Each holds one database
   * connection while it runs, so keep it at most DATABASE_POOL_SIZE.
   */
  REPLY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a saga step waits for its participant's reply before it is compensated. */
  SAGA_STEP_TIMEOUT_MS: z.coerce.number().int().min(100).default(DEFAULT_STEP_TIMEOUT_MS),
  /** The pause between two runs of the deadline job (overdue sagas). */
  DEADLINE_SCAN_MS: z.coerce.number().int().min(10).default(1_000),
  /**
   * Where completed orders are POSTed (the external data platform). The default is the local
   * stand-in (apps/data-platform-receiver, its port in services.json). Empty turns sending off:
   * completed orders are still recorded, and go out once a URL is set. Cancellations and refunds
   * go to `order-events` beside it (…/orders → …/order-events).
   */
  DATA_PLATFORM_URL: z
    .union([z.literal(""), z.url({ protocol: /^https?$/ })])
    .default(`${defaultStandInUrl("data-platform-receiver")}/orders`),
  /** How long one POST to the data platform may take, answer included. */
  DATA_PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** The pause between two runs of the export job (due exports are sent). */
  EXPORT_SCAN_MS: z.coerce.number().int().min(10).default(1_000),
  /** How long a delivered export is kept for the operator before it is forgotten. */
  DATA_EXPORT_KEEP_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  /** The longest wait between two attempts while the platform is down (1 s, doubling, up to it). */
  EXPORT_RETRY_MAX_MS: z.coerce.number().int().min(1_000).default(DEFAULT_EXPORT_POLICY.retryMaxMs),
});

/**
 * The service's settings, parsed once: from process.env in a process of its own (main.ts); a
 * host running several services in one process passes each a source of its own.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(schema, source);
  /**
   * The saga side's settings (startParticipant). Processed-reply records are forgotten after a
   * week: a reply replayed after that (from a dead-letter queue, by hand) finds its step already
   * acknowledged, and decide changes nothing.
   */
  const messagingConfig = {
    prefetch: env.REPLY_CONCURRENCY,
    inboxKeepMs: 7 * 24 * 60 * 60 * 1_000,
  };

  /**
   * The data platform export's settings (startDataExport). A claimed export is leased for the
   * POST's timeout and half a minute more, so a send is never taken over while it can still end.
   */
  const exportConfig = {
    url: env.DATA_PLATFORM_URL,
    keepDeliveredMs: env.DATA_EXPORT_KEEP_DAYS * 24 * 60 * 60 * 1_000,
    timeoutMs: env.DATA_PLATFORM_TIMEOUT_MS,
    everyMs: env.EXPORT_SCAN_MS,
    prefetch: 5,
    policy: {
      ...DEFAULT_EXPORT_POLICY,
      retryMaxMs: env.EXPORT_RETRY_MAX_MS,
      leaseMs: env.DATA_PLATFORM_TIMEOUT_MS + 30_000,
    },
  };
  return { env, messagingConfig, exportConfig };
}

export type OrderConfig = ReturnType<typeof loadConfig>;
