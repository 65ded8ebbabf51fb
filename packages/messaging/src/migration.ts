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
