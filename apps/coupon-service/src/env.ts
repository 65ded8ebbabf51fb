import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";

const schema = serviceEnvFor("coupon-service").extend({
  /** The broker the saga's commands arrive on and its replies leave by (through the outbox). */
  RABBITMQ_URL: z.string().default("amqp://guest:guest@127.0.0.1:5672"),
  /** Claims on one campaign sent in one transaction at most (the claim batcher). */
  CLAIM_BATCH_MAX: z.coerce.number().int().min(1).max(5_000).default(500),
  /** How long the first claim on an idle campaign waits for others to join its batch. */
  CLAIM_LINGER_MS: z.coerce.number().min(0).max(100).default(2),
  /** Saga commands handled at once by this instance (each holds a database connection). */
  COMMAND_PREFETCH: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a handled command's id is remembered (the inbox), for redeliveries. */
  INBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

/**
 * The service's settings, parsed once: from process.env in a process of its own (main.ts); a
 * host running several services in one process passes each a source of its own.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(schema, source);
  /** The claim batcher's settings (adapters/out/claim-batcher.ts). */
  const batching = { maxBatch: env.CLAIM_BATCH_MAX, lingerMs: env.CLAIM_LINGER_MS };

  /** The saga side's settings (startParticipant and the command consumer). */
  const messagingConfig = {
    prefetch: env.COMMAND_PREFETCH,
    inboxKeepMs: env.INBOX_KEEP_DAYS * 86_400_000,
  };
  return { env, batching, messagingConfig };
}

export type CouponConfig = ReturnType<typeof loadConfig>;
