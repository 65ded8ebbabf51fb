import { execFile, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import type { Actor } from "@shop/contracts";
import type { CouponServiceRouter } from "@shop/coupon-service/api";
import type { PaymentServiceRouter } from "@shop/payment-service/api";
import type { ProductServiceRouter } from "@shop/product-service/api";
import { internalCredentialSigner } from "@shop/service-kit/internal-auth-signer";
import {
  applyMigrations,
  dropDatabase,
  ensureDatabase,
  localPostgresServer,
} from "@shop/service-kit/migrate";
import type { OrderServiceRouter } from "../../adapters/in/trpc/router";
import { createDb, type Db } from "../../adapters/out/prisma/client";

/*
 * A whole checkout stack as real processes, for system tests and the benchmark:
 *
 *   const stack = await startStack({ instances: 2, stepTimeoutMs: 5_000 });
 *   try {
 *     const admin = stack.client("product-service", ADMIN);       // typed tRPC, signed
 *     await stack.kill("payment-service", 0, "SIGKILL");           // one instance
 *     await stack.start("payment-service", 0);                     // back, /ready answered
 *     await stack.sql("payment-service").query("SELECT ...");      // assertions
 *     deps = orderDeps(stack.orderDb);                             // place orders directly
 *   } finally {
 *     await stack.stop();                                          // SIGTERM, drop, delete
 *   }
 *
 * What it makes, all of its own so nothing meets a running shop or another test file:
 * - one PostgreSQL database per service (`shop_sys_test_<pid>_<hex>_<service>`), migrated with
 *   the service-kit runner from the service's committed migrations;
 * - one RabbitMQ vhost (`shop_sys_test_<pid>_<hex>`, rabbitmqctl add_vhost + set_permissions);
 *   the services declare their usual exchange and queues inside it;
 * - a fresh Ed25519 pair standing for the BFF's: the services get the public key (and run with
 *   NODE_ENV=production, so nothing relaxes), the stack signs credentials with the private one;
 * - N instances of product-, coupon-, payment- and order-service, each `node --import tsx
 *   src/main.ts` in its app's folder on a free port, started together and awaited on /ready.
 * Children's stdout and stderr go to one buffer (`output()`), printed by the caller on failure.
 * A child whose parent dies without stop() ends itself (parent-watch.ts).
 * stop() ends every child (SIGTERM, SIGKILL after a grace period), drops the databases and
 * deletes the vhost. Leftovers of a run whose process died (its pid is in the names) are
 * removed by the next startStack.
 *
 * No import of another app's code: the other services are processes, and only their router
 * *types* are imported (for the typed clients), as the BFF does.
 */

export const STACK_SERVICES = [
  "product-service",
  "coupon-service",
  "payment-service",
  "order-service",
] as const;
export type StackService = (typeof STACK_SERVICES)[number];

/** The router type of each service, for `stack.client(service, actor)`. */
export interface StackRouters {
  "product-service": ProductServiceRouter;
  "coupon-service": CouponServiceRouter;
  "payment-service": PaymentServiceRouter;
  "order-service": OrderServiceRouter;
}

export interface StackOptions {
  /** Instances of each service: one number for all, or per service (default 2 each). */
  instances?: number | Partial<Record<StackService, number>>;
  /** order-service's SAGA_STEP_TIMEOUT_MS (sagas placed through its API; default 10000). */
  stepTimeoutMs?: number;
  /** order-service's DEADLINE_SCAN_MS (default 200: compensations start soon after a deadline). */
  deadlineScanMs?: number;
  /**
   * Each instance's DATABASE_POOL_SIZE, and its command or reply prefetch (default 4). Mind the
   * server's max_connections (100 here): each instance holds up to pool + 3 (its outbox relay),
   * so 8 instances at 4 hold at most 56, at 10 up to 104; the stack's own pools add up to 20.
   */
  poolSize?: number;
  /** The children's LOG_LEVEL (default "info"). */
  logLevel?: string;
  /** Extra environment per service (overrides the stack's). */
  env?: Partial<Record<StackService, Record<string, string>>>;
  /** Extra node flags for every child (the benchmark's profiling: `--cpu-prof`). */
  nodeArgs?: readonly string[];
  /** How long one instance may take to answer /ready (default 60 s: tsx compiles on start). */
  readyTimeoutMs?: number;
  /**
   * Wait until no other exclusive stack runs on this machine's PostgreSQL server (a session
   * advisory lock held until stop()), so two test files or a test and the benchmark never share
   * the two cores. Default true; the caller's timeout must cover the wait.
   */
  exclusive?: boolean;
}

/** One process slot of a service; a restart reuses the slot's port. */
export interface StackInstance {
  readonly service: StackService;
  readonly index: number;
  readonly port: number;
  readonly url: string;
  /** The live process; undefined while the slot is stopped. */
  readonly process: ChildProcess | undefined;
}

export type StackClient<S extends StackService> = TRPCClient<StackRouters[S]>;

export interface Stack {
  /** `<pid>_<hex>`: part of every name the stack made. */
  readonly id: string;
  /** The vhost's AMQP URL (the services' RABBITMQ_URL). */
  readonly rabbitUrl: string;
  readonly vhost: string;
  /** Each service's database URL. */
  readonly databaseUrls: Readonly<Record<StackService, string>>;
  /** The instances of a service (slots, running or not). */
  instances(service: StackService): readonly StackInstance[];
  /** A pg pool on a service's database, for assertions (raw SQL: no other app's code). */
  sql(service: StackService): pg.Pool;
  /** order-service's Prisma client on the database its processes use (`orderDeps(stack.orderDb)`). */
  readonly orderDb: Db;
  /**
   * A typed tRPC client of a service, every request carrying a fresh credential for `actor`
   * signed with the stack's key (audience = the service). Requests go round-robin to the
   * service's running instances, so a client outlives kills and restarts.
   */
  client<S extends StackService>(service: S, actor: Actor): StackClient<S>;
  /**
   * Sends `signal` to one instance and waits for it to exit (SIGTERM: SIGKILL after 15 s).
   * SIGSTOP and SIGCONT only pause and resume it (a hung participant), without waiting.
   */
  kill(service: StackService, index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Every instance of a service, at once. */
  killAll(service: StackService, signal?: NodeJS.Signals): Promise<void>;
  /**
   * Starts a stopped instance again (same port and environment, plus `env` for this start only)
   * and waits for /ready.
   */
  start(service: StackService, index: number, env?: Record<string, string>): Promise<void>;
  /** Every stopped instance of a service, at once. */
  startAll(service: StackService): Promise<void>;
  /** kill, then start (a crash and a supervisor's restart, with SIGKILL). */
  restart(service: StackService, index: number, signal?: NodeJS.Signals): Promise<void>;
  /** What the children printed, each line prefixed with its instance ("order-service#1"). */
  output(): string;
  /** What the children print from now on: call the answer to read it (a failed test's part). */
  outputFromNow(): () => string;
  /** Ends every child, closes the pools, drops the databases, deletes the vhost. Idempotent. */
  stop(): Promise<void>;
}

const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
/** Preloaded into each child: it ends itself when the process that spawned it is gone. */
const PARENT_WATCH = new URL("./parent-watch.ts", import.meta.url).href;
/** As services on the database's own host would be set up; TEST_DATABASE_URL overrides. */
const POSTGRES_SERVER = process.env.TEST_DATABASE_URL ?? localPostgresServer();
const RABBIT_SERVER = process.env.TEST_RABBITMQ_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const NAME_PREFIX = "shop_sys_test_";
/** The advisory lock of exclusive stacks (any constant no service uses; migrate.ts uses 727001). */
const EXCLUSIVE_LOCK = 727_101;
/** The most of the children's output kept (the newest), in characters. */
const OUTPUT_LIMIT = 8_000_000;
const exec = promisify(execFile);

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

const rabbitmqctl = (...args: string[]) => exec("rabbitmqctl", ["-q", ...args]);

const withPath = (server: string, path: string) => {
  const url = new URL(server);
  url.pathname = `/${path}`;
  return url.toString();
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Databases and vhosts of earlier stacks whose process is gone (a crashed or killed run). */
async function removeLeftovers() {
  const orphan = (name: string) => {
    const pid = Number(new RegExp(`^${NAME_PREFIX}(\\d+)_`).exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  };
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  let databases: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${NAME_PREFIX}%`],
    );
    databases = rows.map((r) => r.datname).filter(orphan);
  } finally {
    await client.end();
  }
  for (const name of databases) await dropDatabase(withPath(POSTGRES_SERVER, name));
  const { stdout } = await rabbitmqctl("list_vhosts", "name").catch(() => ({ stdout: "" }));
  for (const vhost of stdout.split("\n").map((l) => l.trim()))
    if (vhost.startsWith(NAME_PREFIX) && orphan(vhost))
      await rabbitmqctl("delete_vhost", vhost).catch(() => undefined);
}

/** Distinct free ports: every listener is held until all are found. */
async function freePorts(count: number): Promise<number[]> {
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

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the promises to settle, at most `ms`. */
async function settleWithin(ms: number, promises: readonly (Promise<unknown> | undefined)[]) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

/** Starts a stack (see the top of this file). On a failure half-way, it removes what it made. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  let lock: pg.Client | undefined;
  if (options.exclusive ?? true) {
    lock = new pg.Client({ connectionString: POSTGRES_SERVER });
    lock.on("error", () => undefined);
    await lock.connect();
    await lock.query("SELECT pg_advisory_lock($1)", [EXCLUSIVE_LOCK]);
  }
  try {
    return await startStackLocked(options, lock);
  } catch (err) {
    await lock?.end().catch(() => undefined);
    throw err;
  }
}

async function startStackLocked(
  options: StackOptions,
  lock: pg.Client | undefined,
): Promise<Stack> {
  await removeLeftovers();
  const id = `${process.pid}_${randomBytes(4).toString("hex")}`;
  const vhost = `${NAME_PREFIX}${id}`;
  const rabbitUrl = withPath(RABBIT_SERVER, vhost);
  const user = decodeURIComponent(new URL(RABBIT_SERVER).username || "guest");
  const databaseUrls = Object.fromEntries(
    STACK_SERVICES.map((s) => [
      s,
      withPath(POSTGRES_SERVER, `${NAME_PREFIX}${id}_${SHORT_NAME[s]}`),
    ]),
  ) as Record<StackService, string>;
  const count = (s: StackService) =>
    typeof options.instances === "number" ? options.instances : (options.instances?.[s] ?? 2);
  const poolSize = options.poolSize ?? 4;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const keys = generateKeyPairSync("ed25519");
  const signer = internalCredentialSigner(keys.privateKey);
  const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();

  // The newest output, as chunks of lines; `dropped` characters were let go before them.
  const chunks: string[] = [];
  let outputSize = 0;
  let dropped = 0;
  const record = (text: string) => {
    chunks.push(text);
    outputSize += text.length;
    while (outputSize > OUTPUT_LIMIT && chunks.length > 1) {
      const first = chunks.shift()!;
      outputSize -= first.length;
      dropped += first.length;
    }
  };

  const pools = new Map<StackService, pg.Pool>();
  let orderDb: Db | undefined;
  const slots = new Map<StackService, Slot[]>();
  let stopped = false;

  interface Slot extends StackInstance {
    process: ChildProcess | undefined;
    exited: Promise<void>;
    env: NodeJS.ProcessEnv;
  }

  const envOf = (service: StackService, port: number): NodeJS.ProcessEnv => {
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
  };

  const spawnSlot = (slot: Slot, env: Record<string, string> = {}) => {
    const name = `${slot.service}#${slot.index}`;
    if (stopped) throw new Error(`the stack is stopped: ${name} is not started again`);
    const args = [
      ...(options.nodeArgs ?? []),
      "--import",
      "tsx",
      "--import",
      PARENT_WATCH,
      "src/main.ts",
    ];
    const child = spawn(process.execPath, args, {
      cwd: `${REPO}apps/${slot.service}`,
      env: { ...slot.env, ...env, SYSTEM_STACK_PARENT_PID: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    slot.process = child;
    record(`[${name}] started, pid ${child.pid}\n`);
    for (const stream of [child.stdout, child.stderr]) {
      let partial = "";
      stream.setEncoding("utf8");
      stream.on("data", (data: string) => {
        const lines = (partial + data).split("\n");
        partial = lines.pop() ?? "";
        if (lines.length) record(lines.map((l) => `[${name}] ${l}\n`).join(""));
      });
      stream.on("end", () => partial && record(`[${name}] ${partial}\n`));
    }
    slot.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        record(`[${name}] exited (${signal ?? `code ${code}`})\n`);
        if (slot.process === child) slot.process = undefined;
        resolve();
      });
    });
  };

  const waitReady = async (slot: Slot) => {
    const started = Date.now();
    const child = slot.process;
    for (;;) {
      if (!child || slot.process !== child || child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${slot.service}#${slot.index} exited before it was ready`);
      try {
        const response = await fetch(`${slot.url}/ready`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() - started > readyTimeoutMs)
        throw new Error(`${slot.service}#${slot.index} not ready after ${readyTimeoutMs} ms`);
      await delay(100);
    }
  };

  const slotOf = (service: StackService, index: number) => {
    const slot = slots.get(service)?.[index];
    if (!slot) throw new Error(`${service} has no instance ${index}`);
    return slot;
  };

  const kill = async (service: StackService, index: number, signal: NodeJS.Signals = "SIGTERM") => {
    const slot = slotOf(service, index);
    const child = slot.process;
    if (!child) return;
    if (signal === "SIGSTOP" || signal === "SIGCONT") {
      child.kill(signal);
      return;
    }
    const exited = slot.exited;
    child.kill("SIGCONT"); // a paused process would not handle the signal
    child.kill(signal);
    if (signal !== "SIGKILL") {
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    } else await exited;
  };

  const start = async (service: StackService, index: number, env?: Record<string, string>) => {
    const slot = slotOf(service, index);
    if (slot.process) return;
    spawnSlot(slot, env);
    await waitReady(slot);
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const began = Date.now();
    const phase = (what: string) => record(`[stack] ${what} (${Date.now() - began} ms)\n`);
    const all = [...slots.values()].flat();
    await Promise.all(all.map((s) => kill(s.service, s.index, "SIGTERM")));
    phase("processes stopped");
    process.off("exit", killChildren);
    // Bounded: a pool whose client is stuck (Prisma's, after a transaction that could not start
    // in time, never ends) must not keep the rest from being removed; DROP ... FORCE ends it.
    await settleWithin(5_000, [orderDb?.$disconnect(), ...[...pools.values()].map((p) => p.end())]);
    phase("pools closed");
    const failures: unknown[] = [];
    for (const url of Object.values(databaseUrls))
      await dropDatabase(url).catch((e: unknown) => failures.push(e));
    phase("databases dropped");
    await rabbitmqctl("delete_vhost", vhost).catch((e: unknown) => failures.push(e));
    phase("vhost deleted");
    await lock?.end().catch(() => undefined);
    if (failures.length) throw new AggregateError(failures, "the stack was not fully removed");
  };

  // A test runner that exits without stop() leaves no process behind (the names are swept by
  // the next start).
  const killChildren = () => {
    for (const s of [...slots.values()].flat()) s.process?.kill("SIGKILL");
  };
  process.on("exit", killChildren);

  try {
    const vhostMade = (async () => {
      await rabbitmqctl("add_vhost", vhost);
      await rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
    })();
    await Promise.all([
      vhostMade,
      ...STACK_SERVICES.map(async (service) => {
        const url = databaseUrls[service];
        await ensureDatabase(url);
        await applyMigrations(url, `${REPO}apps/${service}/prisma/migrations`);
      }),
    ]);

    const ports = await freePorts(STACK_SERVICES.reduce((n, s) => n + count(s), 0));
    for (const service of STACK_SERVICES)
      slots.set(
        service,
        Array.from({ length: count(service) }, (_, index) => {
          const port = ports.shift()!;
          return {
            service,
            index,
            port,
            url: `http://127.0.0.1:${port}`,
            process: undefined,
            exited: Promise.resolve(),
            env: envOf(service, port),
          };
        }),
      );
    // All at once: each declares its own queues, and the exchange is declared by whoever is first.
    await Promise.all(
      [...slots.values()].flat().map((slot) => {
        spawnSlot(slot);
        return waitReady(slot);
      }),
    );
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`The stack did not start: ${(err as Error).message}\n${chunks.join("")}`, {
      cause: err,
    });
  }

  const counters = new Map<StackService, number>();
  /** A running instance's URL, in turn. */
  const nextUrl = (service: StackService) => {
    const running = slots.get(service)!.filter((s) => s.process);
    if (running.length === 0) throw new Error(`no instance of ${service} is running`);
    const n = counters.get(service) ?? 0;
    counters.set(service, n + 1);
    return running[n % running.length]!.url;
  };

  return {
    id,
    rabbitUrl,
    vhost,
    databaseUrls,
    instances: (service) => slots.get(service) ?? [],
    sql: (service) => {
      let pool = pools.get(service);
      if (!pool) {
        pool = new pg.Pool({ connectionString: databaseUrls[service], max: 3 });
        pool.on("error", () => undefined);
        pools.set(service, pool);
      }
      return pool;
    },
    get orderDb() {
      orderDb ??= createDb(databaseUrls["order-service"], 8);
      return orderDb;
    },
    client: <S extends StackService>(service: S, actor: Actor) =>
      createTRPCClient<StackRouters[S]>({
        links: [
          // The services use no transformer; built for any router, typed by the client.
          httpBatchLink<AnyTRPCRouter>({
            url: `http://${service}/trpc`,
            maxItems: 10,
            fetch: (input, init) => {
              const path = String(input instanceof Request ? input.url : input).replace(
                /^http:\/\/[^/]+/,
                "",
              );
              return fetch(nextUrl(service) + path, init);
            },
            headers: async () => ({
              authorization: `Bearer ${await signer.sign(actor, service)}`,
            }),
          }),
        ],
      }),
    kill,
    killAll: async (service, signal) => {
      await Promise.all(slots.get(service)!.map((s) => kill(service, s.index, signal)));
    },
    start,
    startAll: async (service) => {
      await Promise.all(slots.get(service)!.map((s) => start(service, s.index)));
    },
    restart: async (service, index, signal) => {
      await kill(service, index, signal);
      await start(service, index);
    },
    output: () => chunks.join(""),
    outputFromNow: () => {
      const mark = dropped + outputSize;
      return () => chunks.join("").slice(Math.max(0, mark - dropped));
    },
    stop,
  };
}
