-- The operations console's list of sagas not terminal: an index of those rows only, so the
-- list stays a read of the few running sagas however many orders have finished. Partial, so
-- written here and not in schema.prisma (Prisma cannot express it; migrate diff leaves it be).
CREATE INDEX IF NOT EXISTS saga_running ON saga (order_id) WHERE status NOT IN ('COMPLETED', 'CANCELLED');
