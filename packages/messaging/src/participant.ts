import pg from "pg";
import { startPeriodicJob, type Logger, type Shutdown } from "@shop/service-kit";
import { pruneInbox } from "./inbox";
import type { Log } from "./log";
import { RabbitTransport } from "./rabbit-transport";
import { relayBatch, startOutboxRelay, type OutboxRelayOptions } from "./relay";
import type { Subscription, Transport } from "./transport";

/*
 * The saga side of a participant service (one that takes commands and replies through its
 * outbox), started and stopped as one worker of the process's ordered shutdown.
 */

/**
 * The relay's and the inbox pruning's own connections (the relay holds one for LISTEN and one
 * per batch), apart from the use cases' pool so a burst of commands never waits behind the
 * relay, or the reverse.
 */
export function createOutboxPool(connectionString: string, log: Log): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 3 });
  // An idle connection dropped by the server would otherwise crash the process; the relay
  // reconnects by itself.
  pool.on("error", (err) => log.warn({ err }, "outbox pool: idle connection lost"));
  return pool;
}

/**
 * The broker connection and the outbox pool, registered with the process's shutdown as
 * resources (closed after every worker has stopped, the broker first).
 */
export function openParticipant(options: {
  shutdown: Pick<Shutdown, "resource">;
  env: { DATABASE_URL: string; RABBITMQ_URL: string };
  log: Logger;
  /** Shown in the broker's connection list: the service's name. */
  name: string;
}): { pool: pg.Pool; transport: RabbitTransport } {
  const { shutdown, env, log } = options;
  const pool = shutdown.resource("outbox pool", createOutboxPool(env.DATABASE_URL, log));
  const transport = shutdown.resource(
    "broker",
    new RabbitTransport({ url: env.RABBITMQ_URL, log, connectionName: options.name }),
  );
  return { pool, transport };
}

export interface ParticipantOptions {
  transport: Transport;
  /** For the relay and the inbox pruning (createOutboxPool). The caller closes it. */
  pool: pg.Pool;
  /** Declares the command queue and consumes it with the service's handlers. */
  consume: () => Promise<Subscription>;
  /** How long a handled command's id is remembered (the inbox), for redeliveries. */
  inboxKeepMs: number;
  /** How often the inbox is pruned. Default hourly. */
  pruneEveryMs?: number;
  /** The relay's tuning (tests: a shorter poll). */
  relay?: Omit<OutboxRelayOptions, "pool" | "transport" | "log">;
  log: Logger;
}

export interface Participant {
  /**
   * Stops in order: stop consuming and let the handlers in flight commit, then stop the relay
   * and publish what they committed (the replies would otherwise wait for the next start),
   * then the pruning. The transport and the pool are the caller's, closed after this.
   */
  stop(): Promise<void>;
}

/** Starts the outbox relay, the command consumer and the inbox pruning, in that order. */
export async function startParticipant(options: ParticipantOptions): Promise<Participant> {
  const { transport, pool, log } = options;
  const relay = startOutboxRelay({ ...options.relay, pool, transport, log });
  let consumer: Subscription;
  try {
    consumer = await options.consume();
  } catch (err) {
    await relay.stop();
    throw err;
  }
  const pruning = startPeriodicJob({
    name: "inbox pruning",
    everyMs: options.pruneEveryMs ?? 60 * 60_000,
    run: async () =>
      log.debug({ deleted: await pruneInbox(pool, options.inboxKeepMs) }, "inbox pruned"),
    logger: log,
  });
  return {
    stop: async () => {
      await consumer.close();
      await relay.stop();
      await flushOutbox(pool, transport, log, options.relay?.batchSize ?? 200);
      await pruning.stop();
    },
  };
}

/** Publishes what is committed and unsent, a few batches at most; the rest waits for a relay. */
async function flushOutbox(pool: pg.Pool, transport: Transport, log: Log, batchSize: number) {
  try {
    for (let i = 0; i < 5; i++)
      if ((await relayBatch(pool, transport, batchSize)).claimed < batchSize) return;
  } catch (err) {
    log.warn({ err }, "outbox not flushed on shutdown; the next relay publishes it");
  }
}
