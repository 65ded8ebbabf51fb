import type { Envelope } from "@shop/contracts";
import type { Clock, CommandRunner, Handled, ReceivedMessage } from "@shop/kernel";
import type pg from "pg";
import { appendToOutbox } from "./outbox";
import { prepared, withTransaction } from "./sql";

/*
 * The one shape of a saga participant's command, whichever service runs it: in one
 * transaction,
 *   1. the command's inbox record, with its saga's lock (one statement);
 *   2. the change, on the transaction's connection (`work`), which answers its outcome and the
 *      messages it sends (its reply, the events it caused);
 *   3. those messages in the outbox, for the relay to publish after the commit.
 * A redelivery stops at 1: its change and reply committed the first time, so nothing is
 * written now. Anything that throws rolls all of it back, and the consumer retries.
 *
 * The saga's lock is a transaction-scoped advisory lock on the correlation id: it exists before
 * any row of the order does, so the commands of one saga (a reserve and its release, a command
 * re-sent by a resumed orchestrator) run one after another. Two sagas whose keys collide only
 * wait for each other.
 */

const BEGIN_COMMAND = prepared(`WITH i AS (
  INSERT INTO inbox (consumer, message_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM i)::int AS fresh
  FROM (SELECT pg_advisory_xact_lock(hashtextextended($3, 0))) AS locked`);

/** What a command's change answers: its outcome (the use case's) and the messages it sends. */
export interface CommandWork<R> {
  outcome: R;
  send: readonly Envelope[];
}

export function runCommandOnce<R extends object>(
  pool: pg.Pool,
  command: ReceivedMessage,
  work: (client: pg.PoolClient) => Promise<CommandWork<R>>,
): Promise<Handled<R>> {
  // A burst of commands for one saga queues for a connection, then on the saga's lock.
  return withTransaction(pool, async (client): Promise<Handled<R>> => {
    const { rows } = await client.query<{ fresh: number }>({
      ...BEGIN_COMMAND,
      values: [command.consumer, command.messageId, `saga:${command.correlationId}`],
    });
    if (rows[0]?.fresh !== 1) return { duplicate: true };
    const { outcome, send } = await work(client);
    await appendToOutbox(client, send);
    return { duplicate: false, ...outcome };
  });
}

/**
 * A service's CommandRunner on PostgreSQL: each command in runCommandOnce, on a store of the
 * service's own over the transaction's connection (`storeOn`), answered with its contract's
 * reply (`replyMessage`). `finish` writes what the store kept for the end of the command and
 * answers the events it caused (product-service's stock-changed events), sent with the reply.
 */
export function pgCommandRunner<Store, Reply>(
  pool: pg.Pool,
  clock: Clock,
  options: {
    storeOn: (client: pg.PoolClient, command: ReceivedMessage) => Store;
    replyMessage: (to: ReceivedMessage, reply: Reply, at: Date) => Envelope;
    finish?: (store: Store) => Promise<readonly Envelope[]>;
  },
): CommandRunner<Store, Reply> {
  return {
    handle: (command, work) =>
      runCommandOnce(pool, command, async (client) => {
        const store = options.storeOn(client, command);
        const outcome = await work(store);
        const events = (await options.finish?.(store)) ?? [];
        const reply = options.replyMessage(command, outcome.reply, clock.now());
        return { outcome, send: [...events, reply] };
      }),
  };
}
