import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";

export const env = parseEnv(
  serviceEnvFor("payment-service").extend({
    /** The broker the saga's commands arrive on and its replies leave through. */
    RABBITMQ_URL: z.url().default("amqp://guest:guest@127.0.0.1:5672"),
    /**
     * Saga commands handled at once by this process (the consumer's prefetch). Each holds one
     * database connection while it runs, so keep it at most DATABASE_POOL_SIZE.
     */
    COMMAND_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  }),
  process.env,
);
