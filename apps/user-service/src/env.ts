import { z } from "zod";
import { parseEnv, serviceEnv } from "@shop/service-kit";

export const env = parseEnv(
  serviceEnv.extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4002),
    DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/shop_user"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** How long a session signs its browser in (no sliding renewal). */
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** How often expired sessions and finished sign-in windows are deleted. */
    CLEANUP_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  }),
  process.env,
);
