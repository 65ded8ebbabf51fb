-- CreateEnum
CREATE TYPE "order_stock_state" AS ENUM ('reserved', 'released', 'rejected');

-- CreateTable
CREATE TABLE "order_stock" (
    "order_id" UUID NOT NULL,
    "state" "order_stock_state" NOT NULL,
    "reply" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_stock_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "stock_reservation" (
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "stock_reservation_pkey" PRIMARY KEY ("order_id","product_id")
);

-- CreateIndex
CREATE INDEX "stock_reservation_product_id_idx" ON "stock_reservation"("product_id");

-- AddForeignKey
ALTER TABLE "stock_reservation" ADD CONSTRAINT "stock_reservation_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order_stock"("order_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_reservation" ADD CONSTRAINT "stock_reservation_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (Prisma's schema language has no CHECK constraints): a reservation takes at
-- least one item, and a reserve's outcome always keeps the reply it answered, so a re-sent
-- reserve answers the same.
ALTER TABLE "stock_reservation" ADD CONSTRAINT "stock_reservation_quantity_positive" CHECK ("quantity" >= 1);
ALTER TABLE "order_stock" ADD CONSTRAINT "order_stock_reply_kept" CHECK ("state" = 'released' OR "reply" IS NOT NULL);
