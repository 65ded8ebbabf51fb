import type { ChildProcess } from "node:child_process";
import type pg from "pg";
import type { TRPCClient } from "@trpc/client";
import type { Actor } from "@shop/contracts";
import type { CouponServiceRouter } from "@shop/coupon-service/api";
import type { PaymentServiceRouter } from "@shop/payment-service/api";
import type { ProductServiceRouter } from "@shop/product-service/api";
import type { OrderServiceRouter } from "../../adapters/in/trpc/router";
import type { Db } from "../../adapters/out/prisma/client";

/*
 * What a stack is, as its callers see it (stack.ts starts one). Only the other services' router
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

/**
 * What carries the services' messages: "rabbitmq", each service its own processes on a vhost of
 * the stack's; "memory", the embedded mode: ONE apps/service-host process running all five
 * services (user-service too) on its InMemoryTransport, each on its own database and port.
 */
export type StackTransport = "rabbitmq" | "memory";

export interface StackOptions {
  /** Default "rabbitmq". */
  transport?: StackTransport;
  /**
   * Instances of each service: one number for all, or per service (default 2 each). RabbitMQ
   * only: a memory stack is one host process, whatever this says.
   */
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

/**
 * One process slot of a service; a restart reuses the slot's port. On a memory stack every
 * service has one, instance 0: the host process, at the service's own port.
 */
export interface StackInstance {
  readonly service: StackService;
  readonly index: number;
  readonly port: number;
  readonly url: string;
  /** The live process; undefined while the slot is stopped. */
  readonly process: ChildProcess | undefined;
}

export type StackClient<S extends StackService> = TRPCClient<StackRouters[S]>;

/** What needs a broker (a tap on the stack's messages) asked of a memory stack. */
export class NoBrokerError extends Error {
  override readonly name = "NoBrokerError";
  constructor(what: string) {
    super(`${what} needs RabbitMQ: this stack runs on the in-memory transport`);
  }
}

/**
 * A running stack. On a memory stack (`transport: "memory"`) the five services are one process:
 * kill, killAll, start, startAll and restart of ANY service act on that host process, so killing
 * "payment-service" stops the orchestrator and every other service with it.
 */
export interface Stack {
  /** `<pid>_<hex>`: part of every name the stack made. */
  readonly id: string;
  readonly transport: StackTransport;
  /** The vhost's AMQP URL (the services' RABBITMQ_URL); undefined on a memory stack. */
  readonly rabbitUrl: string | undefined;
  readonly vhost: string | undefined;
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
  /** Ends every child, closes the pools, drops the databases, deletes any vhost. Idempotent. */
  stop(): Promise<void>;
}
