import type { Envelope } from "@shop/contracts";
import type pg from "pg";
import { PublishError, type PublishFailure } from "./errors";
import type { Log } from "./log";
import { OUTBOX_CHANNEL } from "./outbox";
import { prepared } from "./sql";
import { startPublishing } from "./tracing";
import type { Transport } from "./transport";

/*
 * Publishes committed outbox rows. One batch is one transaction: claim the oldest unsent rows
 * with FOR UPDATE SKIP LOCKED, publish them (pipelined, then every confirm awaited), mark them
 * sent, commit. The row locks are the claim: another relay instance skips locked rows, so two
 * instances never publish a row at the same time, and a relay that dies mid-batch loses its
 * connection and with it the locks, so its rows are free again at once (no lease to expire).
 * Only relays ever wait on these locks; appends insert new rows and are never blocked.
 *
 * A row is published at least once: if the commit after a confirmed publish fails, the row is
 * published again. Consumers deduplicate with the inbox.
 *
 * The relay sleeps only when there is nothing to send: a NOTIFY from a committing append wakes
 * it at once, and a poll covers a lost LISTEN connection. A full batch goes straight on to the
 * next one.
 *
 * One relay per database publishes at a time: the one whose LISTEN connection holds the
 * database's relay lock (a session advisory lock). The others stand by, trying for the lock at
 * every poll, and the first to get it takes over when the holder's connection goes (a crash, a
 * stop, a network cut): its lock goes with it. Every instance relaying would wake every relay on
 * every NOTIFY, each running a transaction for rows one of them takes; with one, a busy outbox
 * is sent in fewer, larger batches (measured in the checkout benchmark). Two relays that do run
 * at once for a moment (a standby taking over while the old holder finishes its batch) are
 * still safe: the row locks keep their batches apart.
 */

export interface OutboxRelayOptions {
  /** The service's database; the relay holds one connection for LISTEN and one per batch. */
  pool: pg.Pool;
  transport: Pick<Transport, "publish">;
  log: Log;
  /** Rows per batch (one transaction, one pipelined publish). Default 200. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives. Default 1 s. */
  pollIntervalMs?: number;
  /** Sent rows are deleted after this long (kept for inspection). Default one day. */
  keepSentMs?: number;
  /** How often old sent rows are deleted. Default one minute. */
  cleanupIntervalMs?: number;
}

export interface OutboxRelay {
  /** Finishes the batch in flight, stops listening; resolves when nothing runs any more. */
  stop(): Promise<void>;
}

export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
}

// created_at order is a courtesy, not a promise: a failed row is held back, and competing
// consumers reorder anyway. The rows are marked sent as they are claimed, in the batch's
// transaction (one statement fewer per batch): until it commits, after the broker confirmed
// them, no one else sees the mark, and a relay that dies before rolls it back with the locks.
const CLAIM = prepared(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1
WHERE id IN (SELECT id FROM outbox
              WHERE sent_at IS NULL AND available_at <= now()
              ORDER BY created_at
              LIMIT $1
                FOR UPDATE SKIP LOCKED)
RETURNING id, message, created_at`);

/**
 * The rows the broker did not confirm go back to unsent, held back by a backoff: 100 ms doubling
 * per attempt, at most 5 s, so a broker back from an outage is used soon. The exponent stops at 6
 * (6.4 s): 2^attempts itself would overflow the interval after ~55 attempts, failing the whole
 * batch with the rows it had published.
 */
const MARK_FAILED = prepared(`UPDATE outbox AS o SET
  sent_at = NULL,
  last_error = f.error,
  available_at = now() + least(interval '5 seconds', interval '100 milliseconds' * power(2, least(o.attempts - 1, 6)))
FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
WHERE o.id = f.id`);

/** The relay lock of a database (advisory locks are per database); any constant no one else uses. */
export const RELAY_LOCK = 727_201;

async function tryLock(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock($1) AS locked",
    [RELAY_LOCK],
  );
  return rows[0]?.locked === true;
}

const DELETE_SENT = `DELETE FROM outbox WHERE id IN (
  SELECT id FROM outbox WHERE sent_at < now() - $1::double precision * interval '1 millisecond'
  LIMIT 10000)`;

/** Claims, publishes and marks one batch. Exported for tests and one-off tools. */
export async function relayBatch(
  pool: pg.Pool,
  transport: Pick<Transport, "publish">,
  batchSize: number,
): Promise<BatchResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while we wait on the broker emits 'error' on the client, which would
  // crash the process unheard; the next query fails with it anyway.
  const onError = (err: Error) => (broken = err);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const claimed = await client.query<{ id: string; message: Envelope; created_at: Date }>({
      ...CLAIM,
      values: [batchSize],
    });
    // UPDATE ... RETURNING answers in no particular order; publish oldest first.
    const rows = claimed.rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
    if (rows.length === 0) {
      await client.query("COMMIT");
      return { claimed: 0, sent: 0, failed: 0 };
    }
    const failures = await publishAll(
      transport,
      rows.map((r) => r.message),
    );
    const failed = new Map(failures.map((f) => [f.messageId, f]));
    const sent = rows.filter((r) => !failed.has(r.id)).map((r) => r.id);
    if (failed.size)
      await client.query({
        ...MARK_FAILED,
        values: [
          [...failed.keys()],
          [...failed.values()].map((f) => `${f.reason}: ${f.detail}`.slice(0, 1000)),
        ],
      });
    await client.query("COMMIT");
    return { claimed: rows.length, sent: sent.length, failed: failed.size };
  } catch (err) {
    broken = err as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.off("error", onError);
    // A connection that failed mid-transaction is not handed back to the pool.
    client.release(broken);
  }
}

/** Publishes the batch, each message in a PRODUCER span continuing its appender's trace. */
async function publishAll(
  transport: Pick<Transport, "publish">,
  envelopes: Envelope[],
): Promise<readonly PublishFailure[]> {
  const publishing = startPublishing(envelopes);
  const failures = await publishOrFailures(transport, publishing.envelopes);
  publishing.end(new Map(failures.map((f) => [f.messageId, f])));
  return failures;
}

async function publishOrFailures(
  transport: Pick<Transport, "publish">,
  envelopes: readonly Envelope[],
): Promise<readonly PublishFailure[]> {
  try {
    await transport.publish(envelopes);
    return [];
  } catch (err) {
    if (err instanceof PublishError) return err.failures;
    return envelopes.map((e) => ({
      messageId: e.messageId,
      reason: "rejected" as const,
      detail: String(err),
    }));
  }
}

export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, transport, log } = options;
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const keepSentMs = options.keepSentMs ?? 24 * 60 * 60 * 1_000;
  const cleanupIntervalMs = options.cleanupIntervalMs ?? 60_000;
  const wake = new Wakeup();
  const reconnect = new Wakeup(); // the LISTEN loop's own backoff, so it never takes a NOTIFY
  let stopped = false;
  let listener: pg.PoolClient | undefined;

  /** True while this relay holds the relay lock on its LISTEN connection. */
  let leading = false;

  async function listen(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        const client = await pool.connect();
        listener = client;
        const lost = new Promise<void>((resolve) => {
          client.on("error", () => resolve());
          client.on("end", () => resolve());
        });
        client.on("notification", () => wake.notify());
        failures = 0;
        // Standing by until this relay holds the lock; a lost connection fails the next try.
        while (!stopped && !(await tryLock(client))) await reconnect.wait(pollIntervalMs);
        if (!stopped) {
          await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
          leading = true;
          log.debug("outbox relay: publishing for this database");
          wake.notify(); // rows committed while nobody listened
          await Promise.race([lost, wake.stopped]);
          leading = false;
        }
        listener = undefined;
        // Destroyed, not returned: the lock and the LISTEN end with the connection's session.
        client.release(true);
        if (!stopped) log.warn("outbox relay lost its LISTEN connection; reconnecting");
      } catch (err) {
        leading = false;
        listener?.release(true);
        listener = undefined;
        if (stopped) return;
        log.warn({ err }, "outbox relay cannot LISTEN; retrying");
        await reconnect.wait(Math.min(10_000, 250 * 2 ** failures++));
      }
    }
  }

  async function run(): Promise<void> {
    let lastCleanup = 0;
    let failures = 0;
    while (!stopped) {
      if (!leading) {
        await wake.wait(pollIntervalMs);
        continue;
      }
      try {
        const batch = await relayBatch(pool, transport, batchSize);
        failures = 0;
        if (batch.failed)
          log.warn(batch, "outbox relay: some messages were not confirmed; retrying");
        if (Date.now() - lastCleanup >= cleanupIntervalMs) {
          lastCleanup = Date.now();
          await pool.query(DELETE_SENT, [keepSentMs]);
        }
        // A full batch means more are probably waiting: no sleep at all.
        if (batch.claimed === batchSize) continue;
        await wake.wait(pollIntervalMs);
      } catch (err) {
        if (stopped) return;
        log.error({ err }, "outbox relay batch failed");
        await wake.wait(Math.min(pollIntervalMs * 5, 100 * 2 ** failures++));
      }
    }
  }

  const listening = listen();
  const running = run();
  return {
    stop: async () => {
      stopped = true;
      wake.stop();
      reconnect.stop();
      await Promise.allSettled([running, listening]);
    },
  };
}

/** A sleep that a NOTIFY (or stop) cuts short; a notify while awake is kept for the next wait. */
class Wakeup {
  private pending = false;
  private cut: (() => void) | undefined;
  private markStopped!: () => void;
  readonly stopped = new Promise<void>((resolve) => (this.markStopped = resolve));
  private isStopped = false;

  notify(): void {
    this.pending = true;
    this.cut?.();
  }

  stop(): void {
    this.isStopped = true;
    this.markStopped();
    this.cut?.();
  }

  async wait(ms: number): Promise<void> {
    if (!this.pending && !this.isStopped)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.cut = done;
      });
    this.cut = undefined;
    this.pending = false;
  }
}
