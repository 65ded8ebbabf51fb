-- After the sale (contracts: after-sale.ts). Command side: stock.restock's record, one per
-- refund. Event history: the order.cancelled / order.refunded events the projector consumes,
-- once per refund. Query side: the daily sales keep the returned units and revenue beside the
-- sold ones, and their net.

-- CreateTable
CREATE TABLE "stock_restock" (
    "refund_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "lines" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_restock_pkey" PRIMARY KEY ("refund_id")
);

-- CreateIndex
CREATE INDEX "stock_restock_order_id_idx" ON "stock_restock"("order_id");

-- Hand-written from here (Prisma's schema language has no CHECK constraints, and the history
-- and the read schema are not in it).

-- A restock puts back at least one line.
ALTER TABLE "stock_restock" ADD CONSTRAINT "stock_restock_lines"
  CHECK (jsonb_typeof("lines") = 'array' AND jsonb_array_length("lines") >= 1);

-- order.cancelled / order.refunded: one per refund, whatever message id it came under (the
-- message id is unique already), so a re-sent return takes its units off once.
ALTER TABLE "event_history" ADD COLUMN "refund_id" UUID UNIQUE;
ALTER TABLE "event_history" ADD CONSTRAINT "event_history_refund_id"
  CHECK (("type" IN ('order.cancelled', 'order.refunded')) = ("refund_id" IS NOT NULL));

-- Sales and returns are both only ever added to (commutative: the figures do not depend on the
-- order events arrive in, and a rebuild equals the live projection). A row may hold returns
-- only, when a return overtakes its sale; its net is then 0, never negative.
ALTER TABLE "read"."product_sales_daily" DROP CONSTRAINT "product_sales_daily_units_check";
ALTER TABLE "read"."product_sales_daily" DROP CONSTRAINT "product_sales_daily_orders_check";
ALTER TABLE "read"."product_sales_daily"
  ADD CONSTRAINT "product_sales_daily_units_check" CHECK ("units" >= 0),
  ADD CONSTRAINT "product_sales_daily_orders_check" CHECK ("orders" >= 0),
  ADD COLUMN "returned_units" INTEGER NOT NULL DEFAULT 0 CHECK ("returned_units" >= 0),
  ADD COLUMN "returned_revenue_cents" BIGINT NOT NULL DEFAULT 0 CHECK ("returned_revenue_cents" >= 0),
  ADD COLUMN "returns" INTEGER NOT NULL DEFAULT 0 CHECK ("returns" >= 0),
  ADD CONSTRAINT "product_sales_daily_counted" CHECK ("orders" > 0 OR "returns" > 0),
  -- What every reader counts (domain/sales.ts netOf): sold less returned, never below 0.
  -- Revenue is gross (quantity x unit price sold at, before coupons), returns alike.
  ADD COLUMN "net_units" INTEGER GENERATED ALWAYS AS (greatest("units" - "returned_units", 0)) STORED,
  ADD COLUMN "net_revenue_cents" BIGINT
    GENERATED ALWAYS AS (greatest("revenue_cents" - "returned_revenue_cents", 0)) STORED;
