/**
 * The tables of the outbox and the inbox. A service pastes this, as it is, into a migration of
 * its own (prisma/migrations/<timestamp>_messaging/migration.sql): migrations are checksummed
 * files, so they copy the text rather than import it. Leave the tables out of schema.prisma
 * (Prisma cannot express the partial indexes); `migrate diff` between datamodels never touches
 * tables it does not know.
 *
 * - outbox.id is the envelope's messageId (checked), so a message is stored once.
 * - available_at holds a failed row back (growing backoff), so one unroutable message cannot
 *   block the rows behind it.
 * - inbox is keyed by (consumer, message_id): one event consumed by two queues of a service is
 *   processed once by each.
 */
export const MESSAGING_MIGRATION_SQL = `-- @shop/messaging: transactional outbox and idempotent inbox
CREATE TABLE IF NOT EXISTS outbox (
  id uuid PRIMARY KEY,
  message jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  CONSTRAINT outbox_id_is_message_id CHECK (id = (message->>'messageId')::uuid)
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS inbox (
  consumer text NOT NULL,
  message_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
CREATE INDEX IF NOT EXISTS inbox_processed_at ON inbox (processed_at);
`;

/**
 * The table each service drains its dead-letter queues into (dead-letters.ts), pasted as it is
 * into a migration of its own (prisma/migrations/<timestamp>_dead_letters/migration.sql), like
 * the outbox's.
 *
 * - id is the dead-lettering's own (a consumer's x-shop-dead-id, or a digest of the broker's
 *   x-death and the bytes), so a copy drained twice is one row.
 * - The envelope's fields are there when the bytes were one; body keeps the bytes as sent.
 * - status: held (listed, waiting for an operator), replaying (an operator asked; the drain's
 *   replay loop puts it back on its queue: the row is that request's outbox), replayed,
 *   discarded. resolved_by and resolved_at say who asked and when.
 */
export const DEAD_LETTERS_MIGRATION_SQL = `-- @shop/messaging: dead letters, drained from the broker's dead-letter queues
CREATE TABLE IF NOT EXISTS dead_letter (
  id uuid PRIMARY KEY,
  queue text NOT NULL,
  reason text NOT NULL,
  detail text,
  message_id uuid,
  type text,
  version integer,
  correlation_id text,
  body bytea NOT NULL,
  headers jsonb NOT NULL,
  delivery_count integer NOT NULL,
  dead_lettered_at timestamptz NOT NULL,
  drained_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'held',
  resolved_by uuid,
  resolved_at timestamptz,
  replayed_at timestamptz,
  replay_error text,
  CONSTRAINT dead_letter_status CHECK (status IN ('held', 'replaying', 'replayed', 'discarded')),
  CONSTRAINT dead_letter_resolved CHECK ((status = 'held') = (resolved_at IS NULL))
);
CREATE INDEX IF NOT EXISTS dead_letter_listed ON dead_letter (dead_lettered_at DESC, id);
CREATE INDEX IF NOT EXISTS dead_letter_replaying ON dead_letter (resolved_at) WHERE status = 'replaying';
CREATE INDEX IF NOT EXISTS dead_letter_saga ON dead_letter (correlation_id);
`;
