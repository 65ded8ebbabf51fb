import net from "node:net";
import { fileURLToPath } from "node:url";
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
export const RABBIT_SERVER = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";
export const NAME_PREFIX = "shop_sys_test_";

/** The env key each service reads its message prefetch from. */
const PREFETCH_KEY: Record<StackService, string> = {
  "product-service": "COMMAND_PREFETCH",
  "coupon-service": "COMMAND_PREFETCH",
  "payment-service": "COMMAND_CONCURRENCY",
  "order-service": "REPLY_CONCURRENCY",
};

const SHORT_NAME: Record<StackService, string> = {
  "product-service": "product",
  "coupon-service": "coupon",
  "payment-service": "payment",
  "order-service": "order",
};

export const withPath = (server: string, path: string) => {
  const url = new URL(server);
  url.pathname = `/${path}`;
  return url.toString();
};

/** The names of stack `id`: its vhost (and its URL, and who may use it) and its databases. */
export function stackNames(id: string) {
  const vhost = `${NAME_PREFIX}${id}`;
  const rabbitUrl = withPath(RABBIT_SERVER, vhost);
  const user = decodeURIComponent(new URL(RABBIT_SERVER).username || "guest");
  const databaseUrls = Object.fromEntries(
    STACK_SERVICES.map((s) => [
      s,
      withPath(POSTGRES_SERVER, `${NAME_PREFIX}${id}_${SHORT_NAME[s]}`),
    ]),
  ) as Record<StackService, string>;
  return { vhost, rabbitUrl, user, databaseUrls };
}

/** What every child of one stack shares, besides its options. */
export interface StackEnvContext {
  readonly options: StackOptions;
  readonly databaseUrls: Readonly<Record<StackService, string>>;
  readonly rabbitUrl: string;
  readonly poolSize: number;
  readonly publicKeyPem: string;
}

/** The environment of a service's instance on `port`. */
export function serviceEnv(
  context: StackEnvContext,
  service: StackService,
  port: number,
): NodeJS.ProcessEnv {
  const { options, databaseUrls, rabbitUrl, poolSize, publicKeyPem } = context;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of the test runner's own configuration leaks into a service.
  for (const key of Object.keys(env))
    if (/^(VITEST|TEST_|DATABASE_|RABBITMQ_|INTERNAL_AUTH_|NODE_OPTIONS$)/.test(key))
      delete env[key];
  return {
    ...env,
    NODE_ENV: "production",
    LOG_LEVEL: options.logLevel ?? "info",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrls[service],
    DATABASE_POOL_SIZE: String(poolSize),
    [PREFETCH_KEY[service]]: String(poolSize),
    RABBITMQ_URL: rabbitUrl,
    INTERNAL_AUTH_PUBLIC_KEY: publicKeyPem,
    ...(service === "order-service"
      ? {
          SAGA_STEP_TIMEOUT_MS: String(options.stepTimeoutMs ?? 10_000),
          DEADLINE_SCAN_MS: String(options.deadlineScanMs ?? 200),
          // Completed orders are recorded for export but sent nowhere: the default is the
          // local stand-in's port, where a running shop's receiver may be listening.
          DATA_PLATFORM_URL: "",
        }
      : {}),
    ...options.env?.[service],
  };
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
