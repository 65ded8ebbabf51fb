import { pino, type Logger } from "pino";

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

export function createLogger(name: string, level = "info"): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: "[redacted]" } });
}
