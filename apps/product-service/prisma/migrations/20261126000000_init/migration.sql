-- Text search on product name/description uses trigram GIN indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "product_status" AS ENUM ('active', 'archived');

-- CreateTable
CREATE TABLE "category" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "category_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "product" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category_slug" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "image" TEXT,
    "status" "product_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_slug_key" ON "product"("slug");

-- CreateIndex
CREATE INDEX "product_status_created_at_id_idx" ON "product"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "product_status_category_slug_created_at_id_idx" ON "product"("status", "category_slug", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "product_status_price_cents_id_idx" ON "product"("status", "price_cents", "id");

-- CreateIndex
CREATE INDEX "product_status_category_slug_price_cents_id_idx" ON "product"("status", "category_slug", "price_cents", "id");

-- CreateIndex
CREATE INDEX "product_status_name_id_idx" ON "product"("status", "name", "id");

-- CreateIndex
CREATE INDEX "product_status_category_slug_name_id_idx" ON "product"("status", "category_slug", "name", "id");

-- CreateIndex
CREATE INDEX "product_name_trgm_idx" ON "product" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "product_description_trgm_idx" ON "product" USING GIN ("description" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "product" ADD CONSTRAINT "product_category_slug_fkey" FOREIGN KEY ("category_slug") REFERENCES "category"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The domain's invariants, enforced where concurrent writers meet (hand-written: Prisma's
-- schema language has no CHECK constraints). Stock moves are conditional updates; this is
-- the last line of defence.
ALTER TABLE "product" ADD CONSTRAINT "product_stock_non_negative" CHECK ("stock" >= 0);
ALTER TABLE "product" ADD CONSTRAINT "product_price_non_negative" CHECK ("price_cents" >= 0);
