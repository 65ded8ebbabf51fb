import { z } from "zod";
import { parseEnv } from "@shop/service-kit/env";
import { STAND_INS } from "@shop/service-kit/services";

const port = STAND_INS.find((s) => s.name === "data-platform-receiver")?.port;

export const env = parseEnv(
  z.object({
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    HOST: z.string().default("127.0.0.1"),
    /** Its entry in packages/service-kit/services.json (order-service's default URL points there). */
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(port ?? 4080),
    /** The JSON-lines file of every delivery, read back at start (relative to the working folder). */
    DATA_FILE: z.string().min(1).default("data/received.jsonl"),
    /** Answer every POST /orders with this status and store nothing: the platform "down". */
    FAIL_WITH: z
      .string()
      .optional()
      .transform((v) => (v ? Number(v) : undefined))
      .pipe(z.int().min(400).max(599).optional()),
  }),
  process.env,
);
