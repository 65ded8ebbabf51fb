import { createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { z } from "zod";
import type { ServiceAudience } from "./internal-auth";
import { defaultDatabaseUrl, serviceEntry } from "./services";

/**
 * The public half of the committed development key pair (its private half is in
 * `internal-auth-signer.ts`, which only the BFF imports). Both are public, being in this
 * repository: a production process refuses them (see assertNoDevKeysInProduction).
 */
export const DEV_INTERNAL_AUTH_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA9J0VP67xo5k2fSW7MkGdqKoBySjWPizpVyfAcenj41o=
-----END PUBLIC KEY-----
`;

const PEM_LABEL = { public: "PUBLIC KEY", private: "PRIVATE KEY" } as const;
const PEM_FORMAT = { public: "SPKI", private: "PKCS8" } as const;

/**
 * The PEM text of an environment value: the PEM itself (with real newlines, or with `\n`
 * escapes as .env files and some orchestrators write them), or the PEM base64-encoded on one
 * line (`base64 -w0 key.pem`). Null when it is neither.
 */
function pemText(value: string): string | null {
  const text = value.trim();
  if (text.startsWith("-----BEGIN ")) return text.replace(/\\n/g, "\n");
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return null;
  const decoded = Buffer.from(text, "base64").toString("utf8").trim();
  return decoded.startsWith("-----BEGIN ") ? decoded : null;
}

/**
 * An environment variable holding an Ed25519 key as PEM (as-is or base64-encoded), parsed
 * into a KeyObject. The error names the variable (zod's path) and never repeats its value.
 */
export function ed25519KeyFromEnv(type: "public" | "private") {
  const label = PEM_LABEL[type];
  const expected = `an Ed25519 ${type} key: PEM (${PEM_FORMAT[type]}, "-----BEGIN ${label}-----"), as-is or base64-encoded`;
  return z.string().transform((value, ctx): KeyObject => {
    const pem = pemText(value);
    if (type === "public" && pem?.includes("PRIVATE KEY")) {
      ctx.addIssue({
        code: "custom",
        message: `This is a private key; a service gets only the public key. Expected ${expected}`,
      });
      return z.NEVER;
    }
    try {
      if (pem?.startsWith(`-----BEGIN ${label}-----`)) {
        const key = type === "public" ? createPublicKey(pem) : createPrivateKey(pem);
        if (key.asymmetricKeyType === "ed25519") return key;
      }
    } catch {
      // Reported below, without the value.
    }
    ctx.addIssue({ code: "custom", message: `Not a valid key. Expected ${expected}` });
    return z.NEVER;
  });
}

const port = z.coerce.number().int().min(0).max(65535);

/** What every service process is configured with (see serviceEnvFor). */
export const serviceEnv = z.object({
  // Unset means production: a forgotten NODE_ENV must not relax anything (the dev keys).
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HOST: z.string().default("127.0.0.1"),
  PORT: port,
  /**
   * The BFF's public key: verifies its internal credentials (a service cannot sign any). The
   * default is the public development key, refused in production.
   */
  INTERNAL_AUTH_PUBLIC_KEY: ed25519KeyFromEnv("public").prefault(DEV_INTERNAL_AUTH_PUBLIC_KEY),
  /**
   * Only while the BFF's signing key is rotated: the next key pair's public half, accepted
   * beside INTERNAL_AUTH_PUBLIC_KEY, so BFF processes signing with either key are believed
   * (docs/kubernetes.md, "Rotating the internal signing key"). Unset or empty the rest of the time.
   */
  INTERNAL_AUTH_PUBLIC_KEY_NEXT: z
    .literal("")
    .transform(() => undefined)
    .or(ed25519KeyFromEnv("public"))
    .optional(),
});

/**
 * One service's configuration: serviceEnv with its defaults from services.json (PORT, and
 * DATABASE_URL naming its own database) and its connection pool. A service extends it with
 * its own keys: `parseEnv(serviceEnvFor("user-service").extend({ ... }), process.env)`.
 */
export function serviceEnvFor(name: ServiceAudience) {
  return serviceEnv.extend({
    PORT: port.default(serviceEntry(name).port),
    DATABASE_URL: z.url().default(defaultDatabaseUrl(name)),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  });
}

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
    assertNoDevKeysInProduction(result.data as Record<string, unknown>);
    return result.data;
  }
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

const devPublicKey = createPublicKey(DEV_INTERNAL_AUTH_PUBLIC_KEY);

/** Whether `key` is either half of the development key pair (a private key via its public half). */
export function isDevInternalAuthKey(key: KeyObject): boolean {
  return (key.type === "private" ? createPublicKey(key) : key).equals(devPublicKey);
}

/**
 * The development key pair is public (it is in this repository): a production process refuses
 * either half, the BFF its private key and a service its public key (which would let anyone
 * holding the public dev private key act as an admin). `npm start` makes a fresh pair.
 */
export function assertNoDevKeysInProduction(config: Record<string, unknown>) {
  if (config.NODE_ENV !== "production") return;
  const wrong = [
    "INTERNAL_AUTH_PRIVATE_KEY",
    "INTERNAL_AUTH_PUBLIC_KEY",
    "INTERNAL_AUTH_PUBLIC_KEY_NEXT",
  ].filter((name) => {
    const key = config[name];
    return key instanceof KeyObject && isDevInternalAuthKey(key);
  });
  if (wrong.length > 0)
    throw new Error(
      `Invalid configuration:\n${wrong
        .map(
          (name) => `  ${name}: set a key pair of your own in production (the default is public)`,
        )
        .join("\n")}`,
    );
}

const nonEmpty = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/**
 * Whether a process exports traces (OpenTelemetry, see tracing.ts): only when an OTLP endpoint
 * is set (OTEL_EXPORTER_OTLP_ENDPOINT, or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT for traces alone)
 * and OTEL_SDK_DISABLED is not "true". Otherwise nothing is registered and the OpenTelemetry API
 * stays its no-op. The SDK reads the other OTEL_* variables itself (headers, protocol, sampler,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
 */
export const tracingEnv = z
  .object({
    OTEL_SDK_DISABLED: nonEmpty,
    OTEL_EXPORTER_OTLP_ENDPOINT: nonEmpty.pipe(z.url().optional()),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: nonEmpty.pipe(z.url().optional()),
  })
  .transform((env) => ({
    enabled:
      env.OTEL_SDK_DISABLED?.toLowerCase() !== "true" &&
      (env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
        env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined),
  }));

export type TracingConfig = z.output<typeof tracingEnv>;

/** The tracing decision of this process (its entry calls it before anything else loads). */
export const loadTracingConfig = (
  source: Record<string, string | undefined> = process.env,
): TracingConfig => parseEnv(tracingEnv, source);
