import net from "node:net";
import { fileURLToPath } from "node:url";
import { RABBIT_URL } from "@shop/messaging/testing";
import { localPostgresServer } from "@shop/service-kit/migrate";
import { STACK_SERVICES, type StackOptions, type StackService } from "./stack-types";

/*
 * Where a stack lives and what each of its processes is given: the servers it uses, the names
 * it makes (all carry `<pid>_<hex>`, so nothing meets a running shop or another test file), a
 * child's environment, and the free ports its slots take.
 */

export const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
/** As services on the database's own host would be set up; TEST_DATABASE_URL overrides. */
export const POSTGRES_SERVER = process.env.TEST_DATABASE_URL ?? localPostgresServer();
/** TEST_RABBITMQ_URL, or the local broker's (and with TEST_RABBITMQ_URL=none, only a memory stack runs). */
export const RABBIT_SERVER = RABBIT_URL;
export const NAME_PREFIX = "shop_sys_test_";

/** The env key each service reads its message prefetch from. */
const PREFETCH_KEY: Record<StackService, string> = {
  "product-service": "COMMAND_PREFETCH",
  "coupon-service": "COMMAND_PREFETCH",
  "payment-service": "COMMAND_CONCURRENCY",
  "order-service": "REPLY_CONCURRENCY",
};

export const withPath = (server: string, path: string) => {
  const url = new URL(server);
  url.pathname = `/${path}`;
  return url.toString();
};

/** What a memory stack's host runs besides the stack's services (it starts all five). */
export const HOST_ONLY_SERVICES = ["user-service"] as const;
export type HostedService = StackService | (typeof HOST_ONLY_SERVICES)[number];

/**
 * The host's prefix of a service's own keys (apps/service-host/src/env.ts reads them so, as
 * scripts/lib/stack.mjs writes them: ORDER_SERVICE_PORT for order-service's PORT). Restated,
 * not imported: it is the host's documented interface, and an app imports no other app's code.
 */
const prefixOf = (service: HostedService) => `${service.toUpperCase().replace(/-/g, "_")}_`;
const HOSTED_PREFIXES = [...STACK_SERVICES, ...HOST_ONLY_SERVICES].map(prefixOf);

const SHORT_NAME: Record<HostedService, string> = {
  "product-service": "product",
  "coupon-service": "coupon",
  "payment-service": "payment",
  "order-service": "order",
  "user-service": "user",
};

const databaseUrlOf = (id: string, service: HostedService) =>
  withPath(POSTGRES_SERVER, `${NAME_PREFIX}${id}_${SHORT_NAME[service]}`);

/**
 * The names of stack `id`: its vhost (and its URL, and who may use it), the databases of its
 * services, and of the services only a memory stack's host runs.
 */
export function stackNames(id: string) {
  const vhost = `${NAME_PREFIX}${id}`;
  const rabbitUrl = withPath(RABBIT_SERVER, vhost);
  const user = decodeURIComponent(new URL(RABBIT_SERVER).username || "guest");
  const databaseUrls = Object.fromEntries(
    STACK_SERVICES.map((s) => [s, databaseUrlOf(id, s)]),
  ) as Record<StackService, string>;
  const hostOnlyDatabaseUrls = Object.fromEntries(
    HOST_ONLY_SERVICES.map((s) => [s, databaseUrlOf(id, s)]),
  ) as Record<(typeof HOST_ONLY_SERVICES)[number], string>;
  return { vhost, rabbitUrl, user, databaseUrls, hostOnlyDatabaseUrls };
}

/** What every child of one stack shares, besides its options. */
export interface StackEnvContext {
  readonly options: StackOptions;
  readonly databaseUrls: Readonly<Record<HostedService, string>>;
  readonly poolSize: number;
  readonly publicKeyPem: string;
}

/** The test runner's environment without its own configuration: nothing of it reaches a service. */
function runnerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (
      /^(VITEST|TEST_|DATABASE_|RABBITMQ_|INTERNAL_AUTH_|NODE_OPTIONS$)/.test(key) ||
      HOSTED_PREFIXES.some((p) => key.startsWith(p))
    )
      delete env[key];
  return env;
}

/** What every service of the stack is set to alike. */
const sharedEnv = ({ options, publicKeyPem }: StackEnvContext) => ({
  NODE_ENV: "production",
  LOG_LEVEL: options.logLevel ?? "info",
  HOST: "127.0.0.1",
  INTERNAL_AUTH_PUBLIC_KEY: publicKeyPem,
});

/** A service's own settings (no broker's): its port, database, pool and saga timings. */
function ownEnv(context: StackEnvContext, service: HostedService, port: number) {
  const { options, databaseUrls, poolSize } = context;
  const stackService = service === "user-service" ? undefined : service;
  return {
    PORT: String(port),
    DATABASE_URL: databaseUrls[service],
    DATABASE_POOL_SIZE: String(poolSize),
    ...(stackService && { [PREFETCH_KEY[stackService]]: String(poolSize) }),
    ...(service === "order-service"
      ? {
          SAGA_STEP_TIMEOUT_MS: String(options.stepTimeoutMs ?? 10_000),
          DEADLINE_SCAN_MS: String(options.deadlineScanMs ?? 200),
          // Completed orders are recorded for export but sent nowhere: the default is the
          // local stand-in's port, where a running shop's receiver may be listening.
          DATA_PLATFORM_URL: "",
        }
      : {}),
    ...(stackService && options.env?.[stackService]),
  };
}

/** The environment of a service's instance on `port`, on the broker at `rabbitUrl`. */
export function serviceEnv(
  context: StackEnvContext,
  service: StackService,
  port: number,
  rabbitUrl: string,
): NodeJS.ProcessEnv {
  return {
    ...runnerEnv(),
    ...sharedEnv(context),
    RABBITMQ_URL: rabbitUrl,
    ...ownEnv(context, service, port),
  };
}

/** The environment of a memory stack's host: each service's own keys under its prefix. */
export function hostEnv(
  context: StackEnvContext,
  ports: Readonly<Record<HostedService, number>>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...runnerEnv(), ...sharedEnv(context) };
  for (const [service, port] of Object.entries(ports) as [HostedService, number][])
    for (const [key, value] of Object.entries(ownEnv(context, service, port)))
      env[`${prefixOf(service)}${key}`] = value;
  return env;
}

/** Distinct free ports: every listener is held until all are found. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
