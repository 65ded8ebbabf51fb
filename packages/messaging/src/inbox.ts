import type pg from "pg";
import { execute, prepared, type TransactionClient } from "./sql";

/*
 * The receiving half of exactly-once effects over at-least-once delivery. Inside the handler's
 * transaction, before the business change:
 *
 *   const { alreadyProcessed } = await recordInbox(tx, { consumer: ctx.queue, messageId });
 *   if (alreadyProcessed) return;      // a redelivery: the change and its reply committed before
 *   ...change state...; await appendToOutbox(tx, [reply]);
 *
 * The reply went into the outbox with the first change, so a redelivered message needs no new
 * one. A command re-sent under a new message id (an orchestrator's retry) passes the inbox: the
 * handler is then idempotent on its business key (one payment per order) and replies from what
 * it stored, so the same command always gets the same reply.
 *
 * Two deliveries of one message at once (a redelivery after a dropped connection while the
 * first is still running): the second INSERT waits for the first transaction; if that commits
 * it finds the row (already processed), if it rolls back the second one proceeds.
 */

const RECORD = prepared(
  `INSERT INTO inbox (consumer, message_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
);

const PRUNE = prepared(
  `DELETE FROM inbox WHERE processed_at < now() - $1::double precision * interval '1 millisecond'`,
);

export interface InboxKey {
  /** Who processes it: the queue's name (HandlerContext.queue). */
  consumer: string;
  messageId: string;
}

export async function recordInbox(
  db: TransactionClient,
  key: InboxKey,
): Promise<{ alreadyProcessed: boolean }> {
  const inserted = await execute(db, RECORD, [key.consumer, key.messageId]);
  return { alreadyProcessed: inserted === 0 };
}

/**
 * Forgets processed messages older than the window; a periodic job calls it. The window must be
 * longer than a message can be redelivered for (a message in a dead-letter queue, replayed by
 * hand, is processed again after it).
 */
export async function pruneInbox(
  db: TransactionClient | pg.Pool,
  olderThanMs: number,
): Promise<number> {
  return execute(db, PRUNE, [olderThanMs], { outsideTransaction: true });
}
