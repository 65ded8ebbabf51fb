-- The shoppers' carts (one row per product), with the limits the contract states as CHECKs.
-- CreateTable
CREATE TABLE "cart_lines" (
    "user_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cart_lines_pkey" PRIMARY KEY ("user_id","product_id")
);

-- MAX_CART_QUANTITY in @shop/contracts
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_quantity_in_range" CHECK ("quantity" BETWEEN 1 AND 99);
