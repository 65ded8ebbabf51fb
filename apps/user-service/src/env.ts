import { z } from "zod";
import { parseEnv, serviceEnvFor } from "@shop/service-kit";
import type { UserServiceConfig } from "./application/ports";

export const env = parseEnv(
  serviceEnvFor("user-service").extend({
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
  }),
  process.env,
);

/** The session settings the use cases take (UserServiceConfig). */
export const sessionConfig = {
  sessionTtlDays: env.SESSION_TTL_DAYS,
  sessionIdleDays: env.SESSION_IDLE_DAYS,
} satisfies UserServiceConfig;
