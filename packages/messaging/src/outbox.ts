import type { Envelope } from "@shop/contracts";
import { outboxRowsJson } from "./envelope";
import { execute, prepared, type TransactionClient } from "./sql";
import { withActiveTrace } from "./tracing";

/*
 * The sending half of "state change and outgoing message commit together": a use case appends
 * its messages in the same transaction as its change; the relay (relay.ts) publishes them after
 * the commit. A rolled-back transaction sends nothing, and a committed one is sent even if the
 * process dies right after COMMIT.
 */

/** The channel the relay LISTENs on. NOTIFY is delivered only on commit, so it never wakes early. */
export const OUTBOX_CHANNEL = "shop_outbox";

// One statement whatever the batch size: the envelopes go as one jsonb array parameter, which
// pg and Prisma's raw queries both pass as plain text.
const APPEND = prepared(`WITH inserted AS (
  INSERT INTO outbox (id, message)
  SELECT (m->>'messageId')::uuid, m FROM jsonb_array_elements($1::jsonb) AS m
  RETURNING 1
)
SELECT pg_notify('${OUTBOX_CHANNEL}', count(*)::text) FROM inserted`);

/**
 * Appends envelopes to the outbox on the caller's transaction: a pg client after BEGIN, or a
 * Prisma interactive transaction's `tx` (`prisma.$transaction(async (tx) => { ...;
 * await appendToOutbox(tx, [message]) })`).
 */
export async function appendToOutbox(
  db: TransactionClient,
  envelopes: readonly Envelope[],
): Promise<void> {
  if (envelopes.length === 0) return;
  // Re-checked here: a row that is not an envelope would be dead-lettered by every consumer.
  // Each carries the appending span's trace context (tracing.ts), which the relay continues.
  await execute(db, APPEND, [outboxRowsJson(withActiveTrace(envelopes))]);
}
