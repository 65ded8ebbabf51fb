import type { KeyObject } from "node:crypto";
import type { AnyRouter } from "@trpc/server";
import { startServiceServer } from "./http-server";
import {
  internalCredentialVerifier,
  type InternalCredentialVerifier,
  type ServiceAudience,
} from "./internal-auth";
import { createLogger, type Logger } from "./logger";
import { noOperations, type ServiceOperations } from "./operations";
import { databaseCheck, type RawQueryClient, type ReadinessCheck } from "./readiness";
import { flushTracing } from "./trace-context";

/*
 * How every service starts and stops. A service's main.ts is the list of its parts: its
 * database client, its use cases' dependencies, its API, and what runs beside it (message
 * consumers, periodic jobs), in the order they start; the HTTP server comes last, so /ready
 * answers only once everything behind it runs. They stop newest first: the HTTP server drains,
 * then the jobs, then the consumers, then the database closes.
 *
 * Nothing here is global: the logger, the ports and the connections are each service's, so
 * several services can start side by side in one process. Only runUntilSignalled, the
 * process's own edge, ends the process.
 */

/** What the kit uses of a service's Prisma client. */
type PrismaLike = RawQueryClient & { $disconnect(): Promise<void> };

/** The configuration every service has (serviceEnvFor). */
export interface ServiceConfig {
  LOG_LEVEL: string;
  HOST: string;
  PORT: number;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  INTERNAL_AUTH_PUBLIC_KEY: KeyObject;
  INTERNAL_AUTH_PUBLIC_KEY_NEXT?: KeyObject | undefined;
}

/** What a part gets when it starts: the service's own logger, database and dependencies. */
export interface PartContext<Db, Deps> {
  readonly name: ServiceAudience;
  readonly log: Logger;
  readonly db: Db;
  readonly deps: Deps;
  readonly config: ServiceConfig;
  /** Registers something the part opened, closed after the part stopped (newest first). */
  resource(name: string, close: () => Promise<unknown> | void): void;
  /** Adds a check to /ready (the database's is always there). */
  readiness(name: string, check: ReadinessCheck): void;
  /** What the operations console is told (the saga messaging part's queues and dead letters). */
  operations(ops: ServiceOperations): void;
}

/** What a part may answer when it started: its way to stop, draining what it has in flight. */
export type Stoppable = { stop(): Promise<unknown> } | { close(): Promise<unknown> };

/** Something that runs beside the API: a message consumer, a periodic job, a start-up check. */
export interface ServicePart<Db, Deps> {
  readonly name: string;
  start(context: PartContext<Db, Deps>): Promise<Stoppable | void> | Stoppable | void;
}

export interface ServiceDescription<Db extends PrismaLike, Deps> {
  name: ServiceAudience;
  config: ServiceConfig;
  /** Opens the service's database (its client.ts: openDatabase with its generated client). */
  database: (connectionString: string, poolSize: number) => Db;
  deps: (db: NoInfer<Db>) => Deps;
  api: {
    router: AnyRouter;
    createContext: (options: {
      deps: Deps;
      log: Logger;
      verifier: InternalCredentialVerifier;
      ops: ServiceOperations;
    }) => (opts: never) => unknown;
  };
  /** Started in this order, after the database and before the HTTP server. */
  parts?: readonly ServicePart<NoInfer<Db>, NoInfer<Deps>>[];
  /** A logger of the caller's (a host running several services); by default the service's own. */
  log?: Logger;
}

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly log: Logger;
  /** Stops every part newest first, then closes what they opened; rejects if a step failed. */
  stop(): Promise<void>;
}

interface Step {
  name: string;
  stop: () => Promise<unknown> | void;
}

export async function startService<Db extends PrismaLike, Deps>(
  service: ServiceDescription<Db, Deps>,
): Promise<RunningService> {
  const { config } = service;
  const log = service.log ?? createLogger(service.name, config.LOG_LEVEL);
  const steps: Step[] = [];
  const stopAll = stopper(steps, log);
  try {
    const db = service.database(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
    steps.push({ name: "database", stop: () => db.$disconnect() });
    const deps = service.deps(db);
    const readiness: Record<string, ReadinessCheck> = { database: databaseCheck(db) };
    let ops = noOperations;
    const context: PartContext<Db, Deps> = {
      name: service.name,
      log,
      db,
      deps,
      config,
      resource: (name, close) => void steps.push({ name, stop: close }),
      readiness: (name, check) => void (readiness[name] = check),
      operations: (registered) => void (ops = registered),
    };
    for (const part of service.parts ?? []) {
      const started = await part.start(context);
      if (started) steps.push({ name: part.name, stop: stopOf(started) });
    }
    const verifier = internalCredentialVerifier(
      [config.INTERNAL_AUTH_PUBLIC_KEY, config.INTERNAL_AUTH_PUBLIC_KEY_NEXT].filter((k) => !!k),
      service.name,
    );
    const server = await startServiceServer({
      name: service.name,
      router: service.api.router,
      createContext: service.api.createContext({ deps, log, verifier, ops }) as never,
      host: config.HOST,
      port: config.PORT,
      logger: log,
      readiness,
    });
    steps.push({ name: "http server", stop: () => server.close() });
    return { name: service.name, url: server.url, log, stop: stopAll };
  } catch (err) {
    // What started is stopped before the failure is passed on: no pool or timer left behind.
    await stopAll().catch(() => undefined);
    throw err;
  }
}

const stopOf = (s: Stoppable) => ("stop" in s ? () => s.stop() : () => s.close());

/** Runs the steps newest first, once; a step that fails is logged and the others still run. */
function stopper(steps: readonly Step[], log: Logger): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const run = async () => {
    const errors: unknown[] = [];
    for (const step of [...steps].reverse()) {
      try {
        await step.stop();
        log.debug({ step: step.name }, `${step.name} stopped`);
      } catch (err) {
        log.error({ err, step: step.name }, `${step.name} did not stop cleanly`);
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, "stop: some steps failed");
  };
  return () => (stopping ??= run());
}

/**
 * The process's edge: starts the service (a failure to start ends the process with 1), and on
 * SIGTERM or SIGINT stops it and exits (1 if a step failed); a second signal exits at once.
 */
export function runUntilSignalled(start: () => Promise<RunningService>): void {
  const started = start();
  started.catch((err: unknown) => {
    // The service's own logger may not exist yet: the failure is told on a logger of its own.
    createLogger("service").fatal({ err }, "the service did not start");
    process.exit(1);
  });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    // A signal while starting: the service stops once it has started.
    void started.then(async (service) => {
      service.log.info({ signal }, "shutting down");
      try {
        await service.stop();
        await flushTracing();
        process.exit(0);
      } catch (err) {
        service.log.error({ err }, "shutdown failed");
        process.exit(1);
      }
    });
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
