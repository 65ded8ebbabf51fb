-- @shop/messaging: dead letters, drained from the broker's dead-letter queues
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
