import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { defaultSettings, INTERNAL_AUTH_KEYS } from "../settings";
import { named, REPO_DIR, type Doc } from "./rendered";

/*
 * The environment a Deployment's container gets in the cluster, rebuilt from the rendered
 * documents (its ConfigMap through envFrom, its `value`s, and each secretKeyRef replaced by a
 * test value: a freshly generated Ed25519 pair, test URLs), and the app's own env parsing run
 * on exactly that environment in a child process.
 */

const keys = generateKeyPairSync("ed25519");
const next = generateKeyPairSync("ed25519");
const pem = {
  private: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  public: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
  nextPublic: next.publicKey.export({ type: "spki", format: "pem" }).toString(),
};

/** What stands in for each Secret the manifests reference (settings' defaults). */
function secretValue(secret: string, key: string, variable: string): string {
  const s = defaultSettings();
  if (secret === s.internalAuthSecret && key === INTERNAL_AUTH_KEYS.private) return pem.private;
  if (secret === s.internalAuthSecret && key === INTERNAL_AUTH_KEYS.public) return pem.public;
  if (secret === s.internalAuthSecret && key === INTERNAL_AUTH_KEYS.nextPublic)
    return pem.nextPublic;
  if (secret === s.rabbitmqSecret && key === s.rabbitmqSecretKey)
    return "amqp://shop:test@rabbitmq.test:5672/";
  if (Object.values(s.databaseSecrets).includes(secret) && key === s.databaseSecretKey)
    return `postgresql://shop:test@postgres.test:5432/${secret}`;
  throw new Error(
    `${variable}: a secretKeyRef to ${secret}/${key}, a Secret the docs do not create`,
  );
}

/**
 * The container's environment as the kubelet would build it. An optional secretKeyRef (the next
 * public key) is left unset, as when its key is not in the Secret, unless `rotating`.
 */
export function containerEnv(
  docs: readonly Doc[],
  deployment: Doc,
  { rotating = false } = {},
): Record<string, string> {
  const container = deployment.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (!from.configMapRef) throw new Error(`unsupported envFrom ${JSON.stringify(from)}`);
    Object.assign(env, named(docs, "ConfigMap", from.configMapRef.name).data);
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef?.optional && !rotating) continue;
    else if (e.valueFrom?.secretKeyRef)
      env[e.name] = secretValue(
        e.valueFrom.secretKeyRef.name,
        e.valueFrom.secretKeyRef.key,
        e.name,
      );
    else throw new Error(`${e.name}: unsupported valueFrom`);
  }
  return env;
}

export interface ParsedEnv {
  ok: boolean;
  /** The app's parsed settings (KeyObjects print as {}), or its error. */
  config?: Record<string, unknown>;
  error?: string;
}

/**
 * Runs the app's env parsing (a service's `loadConfig()` from src/env.ts, the storefront's
 * src/env.ts module) with exactly `env` as process.env, and returns what it parsed.
 */
export function parseAppEnv(app: string, env: Record<string, string>): ParsedEnv {
  const envFile = pathToFileURL(path.join(REPO_DIR, "apps", app, "src", "env.ts")).href;
  const script =
    app === "web"
      ? `const { env } = await import(${JSON.stringify(envFile)}); process.stdout.write(JSON.stringify(env));`
      : `const { loadConfig } = await import(${JSON.stringify(envFile)}); process.stdout.write(JSON.stringify(loadConfig().env));`;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "--eval", script],
    { cwd: path.join(REPO_DIR, "apps", app), env, encoding: "utf8" },
  );
  if (result.status !== 0) return { ok: false, error: result.stderr };
  return { ok: true, config: JSON.parse(result.stdout) as Record<string, unknown> };
}

/** The parsed settings that point at this machine: a default nobody replaced for the cluster. */
export const loopbackSettings = (config: Record<string, unknown>) =>
  Object.entries(config)
    .filter(([, value]) => /127\.0\.0\.1|localhost|\[::1\]/i.test(JSON.stringify(value) ?? ""))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
