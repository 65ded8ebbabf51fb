-- A cart's lines become at most one order (two tabs placing one cart with two keys made two).
-- Each cart gets a version that every change to its lines moves on; placing an order moves it
-- on only from the version the cart was read at, and the order records that version, unique
-- per user. A cart starts at 0; the carts with lines today start at 1. Written with prisma
-- migrate diff; the CHECK and the back-fill by hand.
-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "cart_version" INTEGER;

-- CreateTable
CREATE TABLE "carts" (
    "user_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "carts_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_user_id_cart_version_key" ON "orders"("user_id", "cart_version");


ALTER TABLE "carts" ADD CONSTRAINT "carts_version_non_negative" CHECK ("version" >= 0);

INSERT INTO "carts" ("user_id", "version", "updated_at")
SELECT "user_id", 1, max("updated_at") FROM "cart_lines" GROUP BY "user_id";
