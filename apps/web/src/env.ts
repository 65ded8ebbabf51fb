import { z } from "zod";

/** The BFF's configuration, parsed once. Only server code imports this file. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PRODUCT_SERVICE_URL: z.url().default("http://127.0.0.1:4001"),
  /** Set by Next while `next build` prerenders pages. */
  NEXT_PHASE: z.string().optional(),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(
    `Invalid configuration: ${JSON.stringify(z.flattenError(parsed.error).fieldErrors)}`,
  );
}
export const env = parsed.data;
export const isBuildPhase = env.NEXT_PHASE === "phase-production-build";
