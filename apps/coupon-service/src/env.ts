import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";

export const env = parseEnv(
  serviceEnvFor("coupon-service").extend({
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
  }),
  process.env,
);

/** The claim batcher's settings (adapters/out/claim-batcher.ts). */
export const batching = { maxBatch: env.CLAIM_BATCH_MAX, lingerMs: env.CLAIM_LINGER_MS };

/** The saga side's settings (startParticipant and the command consumer). */
export const messagingConfig = {
  prefetch: env.COMMAND_PREFETCH,
  inboxKeepMs: env.INBOX_KEEP_DAYS * 86_400_000,
};
