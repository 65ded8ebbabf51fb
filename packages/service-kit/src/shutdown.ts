import type { Logger } from "pino";
import { closeOnSignals } from "./http-server";

/**
 * A process's ordered shutdown, the same in every service:
 * 1. every worker (HTTP server, message consumer, outbox relay, periodic job) is told to stop at
 *    once, so nothing takes new work in, and each finishes the work it has in flight;
 * 2. then the resources (database pools, broker connections) close one at a time, the last
 *    opened first, so nothing still in use is closed under it.
 * A step that fails is logged and the others still run; close() then rejects.
 */
export interface Shutdown {
  /**
   * Registers something that takes work in, and returns it. Its stop() or close() (or `stop`
   * itself, given a function) must stop taking new work at once and resolve when its work in
   * flight is done: ServiceServer, PeriodicJob, a consumer's subscription, the outbox relay.
   */
  worker<T extends Worker>(name: string, worker: T): T;
  /**
   * Registers `resource`, just opened, and returns it: `const db = shutdown.resource("database",
   * createDb(...))`. Closed with `close`, else its own $disconnect(), close() or end().
   */
  resource<T extends Closable>(name: string, resource: T): T;
  resource<T>(name: string, resource: T, close: (resource: T) => Promise<unknown> | void): T;
  /** Runs the shutdown; a second call gets the first one's promise. */
  close(): Promise<void>;
  /** close() on SIGTERM/SIGINT, then exit (1 if a step failed); a second signal exits at once. */
  closeOnSignals(): void;
}

/** What a worker can be: something with stop() or close(), or its stop function. */
export type Worker =
  { stop(): Promise<unknown> } | { close(): Promise<unknown> } | (() => Promise<unknown>);

/** A resource that knows how to close itself: a Prisma client, a connection, a pg pool. */
export type Closable =
  | { $disconnect(): Promise<unknown> }
  | { close(): Promise<unknown> | void }
  | { end(): Promise<unknown> | void };

const stopOf = (w: Worker) =>
  typeof w === "function" ? w : "stop" in w ? () => w.stop() : () => w.close();

const closeOf = (r: Closable) =>
  "$disconnect" in r ? () => r.$disconnect() : "close" in r ? () => r.close() : () => r.end();

export function createShutdown(logger: Logger): Shutdown {
  const workers: { name: string; stop: () => Promise<unknown> }[] = [];
  const resources: { name: string; close: () => Promise<unknown> | void }[] = [];
  let closing: Promise<void> | undefined;

  const step = async (kind: string, name: string, run: () => Promise<unknown> | void) => {
    try {
      await run();
      logger.debug({ [kind]: name }, `${kind} ${name} stopped`);
      return undefined;
    } catch (err) {
      logger.error({ err, [kind]: name }, `${kind} ${name} did not stop cleanly`);
      return err;
    }
  };

  const run = async () => {
    const failures = await Promise.all(workers.map((w) => step("worker", w.name, w.stop)));
    for (const r of [...resources].reverse())
      failures.push(await step("resource", r.name, r.close));
    const errors = failures.filter((e) => e !== undefined);
    if (errors.length > 0) throw new AggregateError(errors, "shutdown: some steps failed");
  };

  const shutdown: Shutdown = {
    worker(name, worker) {
      if (closing) throw new Error(`worker ${name} registered while shutting down`);
      workers.push({ name, stop: stopOf(worker) });
      return worker;
    },
    resource<T>(name: string, resource: T, close?: (resource: T) => Promise<unknown> | void) {
      if (closing) throw new Error(`resource ${name} registered while shutting down`);
      resources.push({
        name,
        close: close ? () => close(resource) : closeOf(resource as Closable),
      });
      return resource;
    },
    close: () => (closing ??= run()),
    closeOnSignals: () => closeOnSignals(shutdown.close, logger),
  };
  return shutdown;
}
