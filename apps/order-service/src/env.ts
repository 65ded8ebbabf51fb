import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";
import { DEFAULT_STEP_TIMEOUT_MS } from "./domain/saga";

export const env = parseEnv(
  serviceEnvFor("order-service").extend({
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
  }),
  process.env,
);

/**
 * The saga side's settings (startParticipant). Processed-reply records are forgotten after a
 * week: a reply replayed after that (from a dead-letter queue, by hand) finds its step already
 * acknowledged, and decide changes nothing.
 */
export const messagingConfig = {
  prefetch: env.REPLY_CONCURRENCY,
  inboxKeepMs: 7 * 24 * 60 * 60 * 1_000,
};
