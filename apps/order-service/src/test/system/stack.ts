import { generateKeyPairSync, randomBytes } from "node:crypto";
import pg from "pg";
import { internalCredentialSigner } from "@shop/service-kit/internal-auth-signer";
import { createDb, type Db } from "../../adapters/out/prisma/client";
import { signedClient } from "./stack-client";
import {
  freePorts,
  HOST_ONLY_SERVICES,
  hostEnv,
  serviceEnv,
  stackNames,
  type HostedService,
} from "./stack-env";
import { StackOutput } from "./stack-output";
import { killSlot, newSlot, spawnSlot, waitReady, type Slot } from "./stack-processes";
import {
  deleteVhost,
  dropDatabases,
  exclusiveLock,
  makeVhostAndDatabases,
  removeLeftovers,
} from "./stack-resources";
import {
  STACK_SERVICES,
  type Stack,
  type StackInstance,
  type StackOptions,
  type StackService,
} from "./stack-types";

export {
  NoBrokerError,
  STACK_SERVICES,
  type Stack,
  type StackClient,
  type StackInstance,
  type StackOptions,
  type StackRouters,
  type StackService,
  type StackTransport,
} from "./stack-types";

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
 *
 * `startStack({ transport: "memory" })` is the embedded mode instead: no vhost, and ONE process,
 * apps/service-host's `node --import tsx src/main.ts`, running all five services (user-service
 * too, with a database of its own) on its InMemoryTransport, each service on its own database
 * and port, its settings under its name (ORDER_SERVICE_PORT: see stack-env.ts's hostEnv). Every
 * service then has one instance, the host; killing or starting any service kills or starts it.
 * What the tests read from the broker there is read from the databases (saga-suite.ts).
 * Children's stdout and stderr go to one buffer (`output()`), printed by the caller on failure.
 * A child whose parent dies without stop() ends itself (parent-watch.ts).
 * stop() ends every child (SIGTERM, SIGKILL after a grace period), drops the databases and
 * deletes the vhost. Leftovers of a run whose process died (its pid is in the names) are
 * removed by the next startStack.
 *
 * The parts: stack-types.ts (what callers see), stack-env.ts (names, a child's environment,
 * ports), stack-resources.ts (databases, vhost, the exclusive lock), stack-processes.ts (spawn,
 * /ready, signals), stack-output.ts (the children's output), stack-client.ts (signed clients).
 *
 * No import of another app's code: the other services are processes, and only their router
 * *types* are imported (for the typed clients), as the BFF does.
 */

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
  const lock = (options.exclusive ?? true) ? await exclusiveLock() : undefined;
  try {
    return await startStackLocked(options, lock);
  } catch (err) {
    await lock?.end().catch(() => undefined);
    throw err;
  }
}

/** A service's instance as callers see it, on the slot whose process serves it. */
interface Placed {
  readonly instance: StackInstance;
  readonly slot: Slot;
}

const placed = (service: StackService, index: number, port: number, slot: Slot): Placed => ({
  slot,
  instance: {
    service,
    index,
    port,
    url: `http://127.0.0.1:${port}`,
    get process() {
      return slot.process;
    },
  },
});

async function startStackLocked(
  options: StackOptions,
  lock: pg.Client | undefined,
): Promise<Stack> {
  await removeLeftovers();
  const id = `${process.pid}_${randomBytes(4).toString("hex")}`;
  const transport = options.transport ?? "rabbitmq";
  const names = stackNames(id);
  const { user, databaseUrls } = names;
  const vhost = transport === "rabbitmq" ? names.vhost : undefined;
  const rabbitUrl = transport === "rabbitmq" ? names.rabbitUrl : undefined;
  // The host starts all five services: the one no saga test calls gets a database too.
  const ownDatabases = {
    ...databaseUrls,
    ...(transport === "memory" && names.hostOnlyDatabaseUrls),
  };
  const count = (s: StackService) =>
    typeof options.instances === "number" ? options.instances : (options.instances?.[s] ?? 2);
  const poolSize = options.poolSize ?? 4;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const keys = generateKeyPairSync("ed25519");
  const signer = internalCredentialSigner(keys.privateKey);
  const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
  const envContext = {
    options,
    databaseUrls: { ...databaseUrls, ...names.hostOnlyDatabaseUrls },
    poolSize,
    publicKeyPem,
  };

  const output = new StackOutput();
  const record = (text: string) => output.record(text);
  const pools = new Map<StackService, pg.Pool>();
  let orderDb: Db | undefined;
  /** Each service's instances; on a memory stack all on the one host slot. */
  const instances = new Map<StackService, Placed[]>();
  const slots: Slot[] = [];
  let stopped = false;

  const spawnUnlessStopped = (slot: Slot, env?: Record<string, string>) => {
    if (stopped) throw new Error(`the stack is stopped: ${slot.name} is not started again`);
    spawnSlot(slot, options.nodeArgs ?? [], record, env);
  };

  const slotOf = (service: StackService, index: number) => {
    const slot = instances.get(service)?.[index]?.slot;
    if (!slot) throw new Error(`${service} has no instance ${index}`);
    return slot;
  };
  const slotsOf = (service: StackService) => [
    ...new Set((instances.get(service) ?? []).map((p) => p.slot)),
  ];

  const kill = async (service: StackService, index: number, signal: NodeJS.Signals = "SIGTERM") =>
    killSlot(slotOf(service, index), signal);

  const startSlot = async (slot: Slot, env?: Record<string, string>) => {
    if (slot.process) return;
    spawnUnlessStopped(slot, env);
    await waitReady(slot, readyTimeoutMs);
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const began = Date.now();
    const phase = (what: string) => record(`[stack] ${what} (${Date.now() - began} ms)\n`);
    await Promise.all(slots.map((s) => killSlot(s, "SIGTERM")));
    phase("processes stopped");
    process.off("exit", killChildren);
    // Bounded: a pool whose client is stuck (Prisma's, after a transaction that could not start
    // in time, never ends) must not keep the rest from being removed; DROP ... FORCE ends it.
    await settleWithin(5_000, [orderDb?.$disconnect(), ...[...pools.values()].map((p) => p.end())]);
    phase("pools closed");
    const failures: unknown[] = [];
    failures.push(...(await dropDatabases(Object.values(ownDatabases))));
    phase("databases dropped");
    if (vhost !== undefined) {
      failures.push(...(await deleteVhost(vhost)));
      phase("vhost deleted");
    }
    await lock?.end().catch(() => undefined);
    if (failures.length) throw new AggregateError(failures, "the stack was not fully removed");
  };

  // A test runner that exits without stop() leaves no process behind (the names are swept by
  // the next start).
  const killChildren = () => {
    for (const s of slots) s.process?.kill("SIGKILL");
  };
  process.on("exit", killChildren);

  try {
    await makeVhostAndDatabases(vhost, user, ownDatabases);
    if (rabbitUrl === undefined) {
      const hosted = [...STACK_SERVICES, ...HOST_ONLY_SERVICES];
      const ports = await freePorts(hosted.length);
      const portOf = Object.fromEntries(hosted.map((s, i) => [s, ports[i]!])) as Record<
        HostedService,
        number
      >;
      const host = newSlot(
        "service-host",
        0,
        hosted.map((s) => `http://127.0.0.1:${portOf[s]}`),
        hostEnv(envContext, portOf),
      );
      slots.push(host);
      for (const service of STACK_SERVICES)
        instances.set(service, [placed(service, 0, portOf[service], host)]);
    } else {
      const ports = await freePorts(STACK_SERVICES.reduce((n, s) => n + count(s), 0));
      for (const service of STACK_SERVICES)
        instances.set(
          service,
          Array.from({ length: count(service) }, (_, index) => {
            const port = ports.shift()!;
            const slot = newSlot(
              service,
              index,
              [`http://127.0.0.1:${port}`],
              serviceEnv(envContext, service, port, rabbitUrl),
            );
            slots.push(slot);
            return placed(service, index, port, slot);
          }),
        );
    }
    // All at once: each declares its own queues, and the exchange is declared by whoever is first.
    await Promise.all(
      slots.map((slot) => {
        spawnUnlessStopped(slot);
        return waitReady(slot, readyTimeoutMs);
      }),
    );
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`The stack did not start: ${(err as Error).message}\n${output.text()}`, {
      cause: err,
    });
  }

  const counters = new Map<StackService, number>();
  /** A running instance's URL, in turn. */
  const nextUrl = (service: StackService) => {
    const running = instances.get(service)!.filter((p) => p.slot.process);
    if (running.length === 0) throw new Error(`no instance of ${service} is running`);
    const n = counters.get(service) ?? 0;
    counters.set(service, n + 1);
    return running[n % running.length]!.instance.url;
  };

  return {
    id,
    transport,
    rabbitUrl,
    vhost,
    databaseUrls,
    instances: (service) => (instances.get(service) ?? []).map((p) => p.instance),
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
    client: (service, actor) => signedClient(service, actor, signer, nextUrl),
    kill,
    killAll: async (service, signal) => {
      await Promise.all(slotsOf(service).map((s) => killSlot(s, signal)));
    },
    start: (service, index, env) => startSlot(slotOf(service, index), env),
    startAll: async (service) => {
      await Promise.all(slotsOf(service).map((s) => startSlot(s)));
    },
    restart: async (service, index, signal) => {
      await kill(service, index, signal);
      await startSlot(slotOf(service, index));
    },
    output: () => output.text(),
    outputFromNow: () => output.fromNow(),
    stop,
  };
}
