import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";
import type { UserServiceConfig } from "./application/ports";

const schema = serviceEnvFor("user-service").extend({
  /** How long a session signs its browser in at most, however much it is used. */
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** A session unused for this long signs nobody in (before SESSION_TTL_DAYS is up). */
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /**
   * `allow`: the demo accounts with their published passwords may exist (local use only: the
   * seed adds them, and a production process starts with them). Unset: the seed skips them and
   * a production process refuses to start while one still has its demo password.
   */
  DEMO_ACCOUNTS: z.enum(["allow"]).optional(),
  /** How often expired sessions and finished sign-in windows are deleted. */
  CLEANUP_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
});

/**
 * The service's settings, parsed once: from process.env in a process of its own (main.ts); a
 * host running several services in one process passes each a source of its own.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(schema, source);
  /** The session settings the use cases take (UserServiceConfig). */
  const sessionConfig = {
    sessionTtlDays: env.SESSION_TTL_DAYS,
    sessionIdleDays: env.SESSION_IDLE_DAYS,
  } satisfies UserServiceConfig;
  return { env, sessionConfig };
}

export type UserConfig = ReturnType<typeof loadConfig>;
