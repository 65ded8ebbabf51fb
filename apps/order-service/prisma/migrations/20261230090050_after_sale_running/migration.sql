-- The operations console's running sagas now include the orders past checkout that still wait
-- for something (a cancellation or a refund under way: a deadline is set). Its own migration: a
-- new enum value cannot be used in the transaction that added it.
DROP INDEX IF EXISTS "saga_running";
CREATE INDEX "saga_running" ON "saga" ("order_id")
  WHERE "status" NOT IN ('COMPLETED', 'CANCELLED', 'SHIPPED', 'DELIVERED') OR "deadline" IS NOT NULL;
