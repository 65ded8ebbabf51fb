-- After the sale (src/domain/after-sale.ts): the order moves on from COMPLETED (shipped,
-- delivered, or cancelled by its shopper), and its cancellation and refunds are written beside
-- it. The saga's state (saga.state) holds them; these columns show them, and the database checks
-- them: the refunds of an order never add up to more than it paid, nor a line's to more units
-- than it had, whatever the code that writes them.
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'CANCELLING';
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'SHIPPED';
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'DELIVERED';

ALTER TABLE "orders"
  ADD COLUMN "refunded_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "refunding_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "carrier" TEXT,
  ADD COLUMN "tracking" TEXT,
  ADD COLUMN "shipped_at" TIMESTAMPTZ(3),
  ADD COLUMN "delivered_at" TIMESTAMPTZ(3),
  ADD CONSTRAINT "orders_refunds_within_total" CHECK (
    "refunded_cents" >= 0 AND "refunding_cents" >= 0
    AND "refunded_cents" + "refunding_cents" <= COALESCE("total_cents", 0));

ALTER TABLE "order_lines"
  ADD COLUMN "refunded_quantity" INTEGER NOT NULL DEFAULT 0,
  ADD CONSTRAINT "order_lines_refunds_within_quantity" CHECK (
    "refunded_quantity" >= 0 AND "refunded_quantity" <= "quantity");

-- The cancellation or refund a log entry belongs to (null: the checkout's own).
ALTER TABLE "saga_log" ADD COLUMN "refund_id" UUID;
