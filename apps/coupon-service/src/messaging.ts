import pg from "pg";
import {
  pruneInbox,
  RabbitTransport,
  relayBatch,
  startOutboxRelay,
  type Log,
  type Transport,
} from "@shop/messaging";
import { startPeriodicJob, type Logger, type Shutdown } from "@shop/service-kit";
import type { CouponDeps } from "./application/ports";
import { consumeCouponCommands } from "./adapters/in/messaging/coupon-commands";

/**
 * The broker connection and the pool the relay and the inbox pruning use, registered with the
 * process's shutdown as resources (closed after every worker has stopped).
 */
export function openMessaging(
  shutdown: Shutdown,
  config: { DATABASE_URL: string; RABBITMQ_URL: string },
  log: Logger,
) {
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 3 });
  const transport = new RabbitTransport({
    url: config.RABBITMQ_URL,
    log,
    connectionName: "coupon-service",
  });
  return {
    pool: shutdown.resource("outbox pool", pool),
    transport: shutdown.resource("broker", transport),
  };
}

export interface CouponMessagingOptions {
  transport: Transport;
  /** For the relay (one connection for LISTEN, one per batch) and the inbox pruning. */
  pool: pg.Pool;
  deps: Pick<CouponDeps, "saga" | "clock">;
  log: Logger;
  prefetch: number;
  inboxKeepMs: number;
}

/**
 * The saga side of the service, started and stopped as one worker: the outbox relay, the
 * command consumer and the inbox pruning. Stopping runs in order: stop consuming and let the
 * handlers in flight commit, then stop the relay and publish what they committed (the replies
 * would otherwise wait for the next start), then the pruning. The transport and the pool are
 * the caller's, closed after this.
 */
export async function startCouponMessaging(options: CouponMessagingOptions) {
  const { transport, pool, log } = options;
  const relay = startOutboxRelay({ pool, transport, log });
  const consumer = await consumeCouponCommands({
    transport,
    deps: options.deps,
    log,
    prefetch: options.prefetch,
  });
  const pruning = startPeriodicJob({
    name: "inbox pruning",
    everyMs: 60 * 60_000,
    run: () => pruneInbox(pool, options.inboxKeepMs),
    logger: log,
  });
  return async () => {
    await consumer.close();
    await relay.stop();
    await flushOutbox(pool, transport, log);
    await pruning.stop();
  };
}

/** Publishes what is committed and unsent, a few batches at most; the rest waits for a relay. */
async function flushOutbox(pool: pg.Pool, transport: Transport, log: Log) {
  try {
    for (let i = 0; i < 5; i++) if ((await relayBatch(pool, transport, 200)).claimed < 200) return;
  } catch (err) {
    log.warn({ err }, "outbox not flushed on shutdown; the next relay publishes it");
  }
}
