import type { Envelope } from "@shop/contracts";
import { outboxRowsJson } from "./envelope";
import { OUTBOX_CHANNEL } from "./outbox";
import { withActiveTrace } from "./tracing";

/*
 * The outbox and the inbox as parts of ONE statement: a handler on the saga's hot path writes
 * its change, the message it handles (inbox) and the messages it sends (outbox) as
 * data-modifying CTEs of a single statement, so the whole unit is one round trip and one
 * commit, instead of BEGIN, a statement per table and COMMIT (about four times the database
 * work per message, measured in the checkout benchmark). A single statement is atomic on its
 * own: if any part fails, nothing of it is written.
 *
 *   WITH s AS (UPDATE saga SET ... WHERE order_id = $1 AND version = $2 RETURNING order_id),
 *        i AS (${inboxInsert("$3", "$4", "s")}),
 *        ob AS (${outboxInsert("$5", "s")})
 *   SELECT (SELECT count(*) FROM s)::int AS saved, ${outboxNotify("ob")} AS notified
 *
 * The inbox part has no ON CONFLICT: a message already processed fails the whole statement with
 * a unique violation on the inbox's key (isInboxDuplicate), so a redelivery can change nothing,
 * whatever the rest of the statement would have done. The parts that must happen only when the
 * change happened select FROM its CTE (`from`).
 */

/** The outbox rows of `param` (a jsonb array from outboxJson), one per row of `from` (if given). */
export const outboxInsert = (param: string, from?: string) =>
  `INSERT INTO outbox (id, message)
   SELECT (m->>'messageId')::uuid, m FROM ${from ? `${from}, ` : ""}jsonb_array_elements(${param}::jsonb) AS m
   RETURNING 1`;

/** Wakes the relays on commit when the outbox CTE `cte` inserted rows (NULL otherwise). */
export const outboxNotify = (cte: string) =>
  `(SELECT pg_notify('${OUTBOX_CHANNEL}', count(*)::text) FROM ${cte} HAVING count(*) > 0)`;

/**
 * The parameter for outboxInsert: the envelopes, each checked against the envelope schema and
 * carrying the active span's trace context (as appendToOutbox's do).
 */
export const outboxJson = (envelopes: readonly Envelope[]): string =>
  outboxRowsJson(withActiveTrace(envelopes));

/** Records (consumer, message id) once per row of `from`: a second time fails the statement. */
export const inboxInsert = (consumerParam: string, messageIdParam: string, from: string) =>
  `INSERT INTO inbox (consumer, message_id) SELECT ${consumerParam}, ${messageIdParam}::uuid FROM ${from}`;

/** The error of a statement whose inbox part found the message already processed. */
export const isInboxDuplicate = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  (err as { code?: unknown }).code === "23505" &&
  (err as { constraint?: unknown }).constraint === "inbox_pkey";
