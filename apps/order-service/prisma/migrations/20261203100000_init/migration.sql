-- Orders, their lines, the saga of each and its log (written with prisma migrate diff --from-empty).
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('PENDING', 'STOCK_RESERVED', 'COUPON_APPLIED', 'PAID', 'COMPLETED', 'COMPENSATING', 'CANCELLED');

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "order_status" NOT NULL,
    "coupon_id" UUID,
    "subtotal_cents" INTEGER,
    "discount_cents" INTEGER NOT NULL DEFAULT 0,
    "total_cents" INTEGER,
    "reason_code" TEXT,
    "reason_message" TEXT,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_cents" INTEGER,
    "name" TEXT,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("order_id","product_id")
);

-- CreateTable
CREATE TABLE "saga" (
    "order_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "order_status" NOT NULL,
    "step" TEXT,
    "deadline" TIMESTAMPTZ(3),
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saga_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "saga_log" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "attempt" INTEGER,
    "message_id" UUID,
    "detail" TEXT,

    CONSTRAINT "saga_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "orders_user_id_placed_at_idx" ON "orders"("user_id", "placed_at" DESC);

-- CreateIndex
CREATE INDEX "orders_status_placed_at_idx" ON "orders"("status", "placed_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "orders_user_id_idempotency_key_key" ON "orders"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "saga_deadline_idx" ON "saga"("deadline");

-- CreateIndex
CREATE INDEX "saga_log_order_id_id_idx" ON "saga_log"("order_id", "id");

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saga" ADD CONSTRAINT "saga_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saga_log" ADD CONSTRAINT "saga_log_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "saga"("order_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The last line of defence behind the domain's rules (Prisma's schema language has no CHECK).
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_non_negative" CHECK (
  "discount_cents" >= 0
  AND ("subtotal_cents" IS NULL OR "subtotal_cents" >= 0)
  AND ("total_cents" IS NULL OR "total_cents" >= 0)
);
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_is_subtotal_minus_discount" CHECK (
  "total_cents" IS NULL OR "total_cents" = "subtotal_cents" - "discount_cents"
);
ALTER TABLE "orders" ADD CONSTRAINT "orders_reason_when_cancelled" CHECK (
  ("status" = 'CANCELLED') = ("reason_code" IS NOT NULL AND "reason_message" IS NOT NULL)
);
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_quantity_positive" CHECK ("quantity" >= 1);
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_price_non_negative" CHECK (
  "unit_price_cents" IS NULL OR "unit_price_cents" >= 0
);
ALTER TABLE "saga" ADD CONSTRAINT "saga_version_non_negative" CHECK ("version" >= 0);
ALTER TABLE "saga" ADD CONSTRAINT "saga_deadline_with_step" CHECK (("step" IS NULL) = ("deadline" IS NULL));
ALTER TABLE "saga" ADD CONSTRAINT "saga_step_name" CHECK ("step" IN ('stock', 'coupon', 'payment'));
