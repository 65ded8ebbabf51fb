import { createLogger } from "@shop/service-kit/logger";

/** A real pino logger that writes nothing unless LOG_LEVEL asks (debugging a failing test). */
export const testLog = createLogger("messaging-test", process.env.LOG_LEVEL ?? "silent");
