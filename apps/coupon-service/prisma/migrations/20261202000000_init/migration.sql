-- Campaigns, coupons and each order's coupon step. Written with prisma migrate diff; the CHECK
-- constraints at the end are the last line of defence behind the guarded statements.
-- CreateEnum
CREATE TYPE "discount_kind" AS ENUM ('fixed', 'percent');

-- CreateEnum
CREATE TYPE "redemption_state" AS ENUM ('used', 'rejected', 'restored', 'restored_before_use');

-- CreateTable
CREATE TABLE "campaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "discount_kind" "discount_kind" NOT NULL,
    "amount_off_cents" INTEGER,
    "percent_off" INTEGER,
    "max_discount_cents" INTEGER,
    "quantity" INTEGER NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "min_order_cents" INTEGER NOT NULL DEFAULT 0,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coupon" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL,
    "used_order_id" UUID,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "redemption" (
    "order_id" UUID NOT NULL,
    "state" "redemption_state" NOT NULL,
    "coupon_id" UUID,
    "discount_cents" INTEGER,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "redemption_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "campaign_valid_to_valid_from_idx" ON "campaign"("valid_to", "valid_from");

-- CreateIndex
CREATE INDEX "campaign_created_at_id_idx" ON "campaign"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "coupon_used_order_id_key" ON "coupon"("used_order_id");

-- CreateIndex
CREATE INDEX "coupon_user_id_claimed_at_idx" ON "coupon"("user_id", "claimed_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "coupon_campaign_id_user_id_key" ON "coupon"("campaign_id", "user_id");

-- AddForeignKey
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Issuance is exact: a claim batch raises issued by the coupons it inserted, under the campaign's
-- row lock, and never past the quantity; UNIQUE (campaign_id, user_id) above keeps one per user.
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_issued_within_quantity" CHECK ("issued" >= 0 AND "issued" <= "quantity");
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_window_ordered" CHECK ("valid_to" > "valid_from");
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_min_order_not_negative" CHECK ("min_order_cents" >= 0);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_discount_shape" CHECK (
  ("discount_kind" = 'fixed' AND "amount_off_cents" > 0 AND "percent_off" IS NULL AND "max_discount_cents" IS NULL)
  OR ("discount_kind" = 'percent' AND "amount_off_cents" IS NULL AND "percent_off" BETWEEN 1 AND 100 AND "max_discount_cents" > 0)
);

-- A coupon is on an order with the time it was put there, or on none.
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_use_complete" CHECK (("used_order_id" IS NULL) = ("used_at" IS NULL));

-- Each state of an order's coupon step carries what its replies are built from.
ALTER TABLE "redemption" ADD CONSTRAINT "redemption_shape" CHECK (
  ("state" IN ('used', 'restored') AND "coupon_id" IS NOT NULL AND "discount_cents" >= 0 AND "reason" IS NULL)
  OR ("state" = 'rejected' AND "coupon_id" IS NOT NULL AND "discount_cents" IS NULL AND "reason" IS NOT NULL)
  OR ("state" = 'restored_before_use' AND "coupon_id" IS NULL AND "discount_cents" IS NULL AND "reason" IS NULL)
);
