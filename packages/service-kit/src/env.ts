import { z } from "zod";

export const DEV_INTERNAL_AUTH_SECRET = "local-development-only-internal-auth-secret";

/** What every service process is configured with; a service extends it with its own keys. */
export const serviceEnv = z.object({
  // Unset means production: a forgotten NODE_ENV must not relax anything (the dev secret).
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Shared by the BFF and the services; the default is for local development only. */
  INTERNAL_AUTH_SECRET: z
    .string()
    .min(32, "Use at least 32 characters")
    .default(DEV_INTERNAL_AUTH_SECRET),
});

/**
 * Parses configuration once at start-up. A bad or missing value stops the process with a
 * message naming every wrong key, instead of failing later somewhere far from the cause.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.output<T> {
  const result = schema.safeParse(source);
  if (result.success) {
    assertNoDevSecretInProduction(result.data as Record<string, unknown>);
    return result.data;
  }
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

/**
 * The development secret is public (it is in this repository): a production process refuses
 * it. `npm start` passes a fresh random secret to every process it starts.
 */
export function assertNoDevSecretInProduction(config: Record<string, unknown>) {
  if (config.NODE_ENV === "production" && config.INTERNAL_AUTH_SECRET === DEV_INTERNAL_AUTH_SECRET)
    throw new Error(
      "Invalid configuration:\n  INTERNAL_AUTH_SECRET: set a secret of your own in production (the default is public)",
    );
}
