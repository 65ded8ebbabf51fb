import { pino, type DestinationStream, type Logger } from "pino";
import { isTracing, traceLogFields } from "./trace-context";

export type { Logger };

/**
 * Anything that looks like a credential is redacted at the logger, so a careless
 * `log.info({ input })` can never leak a password or a session token.
 */
const REDACT = [
  "password",
  "*.password",
  "*.*.password",
  "token",
  "*.token",
  "*.*.token",
  "cookie",
  "*.cookie",
  "authorization",
  "*.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
];

/**
 * With tracing on (trace-context.ts), every line written inside a span carries its trace_id,
 * span_id and the saga's id (shop.saga_id); with it off the logger has no mixin at all.
 */
export function createLogger(
  name: string,
  level = "info",
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    ...(isTracing() ? { mixin: traceLogFields } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
