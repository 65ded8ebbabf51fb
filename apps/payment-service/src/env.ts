import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";

const schema = serviceEnvFor("payment-service").extend({
  /** The broker the saga's commands arrive on and its replies leave through. */
  RABBITMQ_URL: z.url().default("amqp://guest:guest@127.0.0.1:5672"),
  /**
   * Saga commands handled at once by this process (the consumer's prefetch). Each holds one
   * database connection while it runs, so keep it at most DATABASE_POOL_SIZE.
   */
  COMMAND_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * The service's settings, parsed once: from process.env in a process of its own (main.ts); a
 * host running several services in one process passes each a source of its own.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(schema, source);
  /**
   * The saga side's settings (startParticipant). Processed-message records are forgotten after a
   * week: the inbox only stops an exact redelivery early, and a pay or refund replayed after
   * that (from a dead-letter queue, by hand) is still answered from the order's payment record
   * and changes nothing.
   */
  const messagingConfig = {
    prefetch: env.COMMAND_CONCURRENCY,
    inboxKeepMs: 7 * 24 * 60 * 60 * 1_000,
  };
  return { env, messagingConfig };
}

export type PaymentConfig = ReturnType<typeof loadConfig>;
