import type { Logger } from "@shop/service-kit/logger";

/** The part of the service's pino logger this package writes to. */
export type Log = Pick<Logger, "debug" | "info" | "warn" | "error">;
