import "server-only";
import { createLogger } from "@shop/service-kit/logger";
import { env } from "@/env";

export const log = createLogger("web", env.LOG_LEVEL);
