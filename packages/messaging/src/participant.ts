import { hostname } from "node:os";
import pg from "pg";
import { startPeriodicJob, type Logger } from "@shop/service-kit";
import type { ServicePart } from "@shop/service-kit/service";
import { consumeMessages, type Registration } from "./consumer";
import { drainDeadLetters, replayRequested } from "./dead-letters";
import { pruneInbox } from "./inbox";
import type { Log } from "./log";
import { messagingOperations } from "./operations";
import { RabbitTransport } from "./rabbit-transport";
import { relayBatch, startOutboxRelay, type OutboxRelayOptions } from "./relay";
import type { QueueDefinition } from "./topology";
import type { Subscription, Transport } from "./transport";

/*
 * The saga side of a participant service (one that takes commands and replies through its
 * outbox), started and stopped as one worker of the process's ordered shutdown.
 */

/**
 * The relay's, the inbox pruning's and the dead letters' own connections (the relay holds one
 * for LISTEN and one per batch), apart from the use cases' pool so a burst of commands never
 * waits behind the relay, or the reverse. Its connections are named after the service, host and
 * process (`name`), so the operations console can say which instance's relay leads.
 */
export function createOutboxPool(connectionString: string, log: Log, name = "relay"): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    application_name: `${name} ${hostname()} pid ${process.pid}`.slice(0, 63),
  });
  // An idle connection dropped by the server would otherwise crash the process; the relay
  // reconnects by itself.
  pool.on("error", (err) => log.warn({ err }, "outbox pool: idle connection lost"));
  return pool;
}

/** A queue a service consumes, with a handler for each message type it is bound to. */
export interface Consumer {
  queue: QueueDefinition;
  handlers: readonly Registration[];
  /** Messages handled at once by this instance (each may hold a database connection). */
  prefetch?: number;
  /** Tests: a shorter wait before a failed message goes back to the queue. */
  retryDelayMs?: (deliveryCount: number) => number;
}

export interface ParticipantOptions {
  transport: Transport;
  /** For the relay and the inbox pruning (createOutboxPool). The caller closes it. */
  pool: pg.Pool;
  /** Declared and consumed in this order; stopped together. */
  consumers: readonly Consumer[];
  /** How long a handled command's id is remembered (the inbox), for redeliveries. */
  inboxKeepMs: number;
  /** How often the inbox is pruned. Default hourly. */
  pruneEveryMs?: number;
  /** How often the dead letters an operator asked to replay are looked for. Default 500 ms. */
  replayEveryMs?: number;
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

/**
 * Starts the outbox relay, the consumers, the drain of their dead-letter queues, the replay of
 * the dead letters an operator asked for, and the inbox pruning, in that order.
 */
export async function startParticipant(options: ParticipantOptions): Promise<Participant> {
  const { transport, pool, log } = options;
  const queues = options.consumers.map((c) => c.queue);
  const relay = startOutboxRelay({ ...options.relay, pool, transport, log });
  const subscriptions: Subscription[] = [];
  const closeConsumers = () => Promise.all(subscriptions.map((c) => c.close()));
  let drain: Subscription | undefined;
  try {
    for (const c of options.consumers) {
      subscriptions.push(
        await consumeMessages(transport, c.queue, c.handlers, {
          log,
          ...(c.prefetch === undefined ? {} : { prefetch: c.prefetch }),
          ...(c.retryDelayMs ? { retryDelayMs: c.retryDelayMs } : {}),
        }),
      );
    }
    drain = await drainDeadLetters({ transport, pool, queues, log });
  } catch (err) {
    await closeConsumers();
    await relay.stop();
    throw err;
  }
  const replays = startPeriodicJob({
    name: "dead-letter replay",
    everyMs: options.replayEveryMs ?? 500,
    run: async () => {
      const { sent, failed } = await replayRequested(pool, transport, queues);
      if (sent || failed) log.info({ sent, failed }, "dead letters replayed");
    },
    logger: log,
  });
  const pruning = startPeriodicJob({
    name: "inbox pruning",
    everyMs: options.pruneEveryMs ?? 60 * 60_000,
    run: async () =>
      log.debug({ deleted: await pruneInbox(pool, options.inboxKeepMs) }, "inbox pruned"),
    logger: log,
  });
  return {
    stop: async () => {
      await closeConsumers();
      await relay.stop();
      await flushOutbox(pool, transport, log, options.relay?.batchSize ?? 200);
      await replays.stop();
      await drain?.close();
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

/** The saga messaging part of a service: startService starts it; `transport` is its broker. */
export interface MessagingPart<Deps> extends ServicePart<unknown, Deps> {
  /** The broker connection, once the part started (a job may ask it for a queue's depth). */
  readonly transport: Transport;
}

/**
 * A service's messaging as a part of its start (service-kit's startService): the outbox pool
 * and the broker connection (closed after everything else stopped, the broker first), then the
 * relay, the consumers and the inbox pruning (startParticipant); /ready checks the broker.
 * `broker`: a RabbitMQ URL (a connection of the service's own, named after it), or a transport
 * the caller owns and closes.
 */
/** Where a service's messages go: a RabbitMQ URL of its own, or a transport its host shares. */
export type Broker = { url: string } | { transport: Transport };

export function sagaMessaging<Deps>(options: {
  broker: Broker;
  consumers: (deps: Deps, log: Logger) => readonly Consumer[];
  inboxKeepMs: number;
  relay?: ParticipantOptions["relay"];
}): MessagingPart<Deps> {
  let transport: Transport | undefined;
  return {
    name: "saga messaging",
    get transport() {
      if (!transport) throw new Error("saga messaging has not started yet");
      return transport;
    },
    async start(ctx) {
      const pool = createOutboxPool(ctx.config.DATABASE_URL, ctx.log, ctx.name);
      ctx.resource("outbox pool", () => pool.end());
      if ("url" in options.broker) {
        const rabbit = new RabbitTransport({
          url: options.broker.url,
          log: ctx.log,
          connectionName: ctx.name,
        });
        ctx.resource("broker", () => rabbit.close());
        ctx.readiness("broker", async () => rabbit.connected);
        transport = rabbit;
      } else transport = options.broker.transport;
      const consumers = options.consumers(ctx.deps, ctx.log);
      ctx.operations(
        messagingOperations({ pool, transport, queues: consumers.map((c) => c.queue) }),
      );
      return startParticipant({
        transport,
        pool,
        consumers,
        inboxKeepMs: options.inboxKeepMs,
        ...(options.relay ? { relay: options.relay } : {}),
        log: ctx.log,
      });
    },
  };
}
