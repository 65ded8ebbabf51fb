-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ledger_kind" AS ENUM ('charge', 'payment', 'refund');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('pending', 'paid', 'failed', 'refunded', 'cancelled');

-- CreateTable
CREATE TABLE "wallet" (
    "user_id" UUID NOT NULL,
    "balance_cents" INTEGER NOT NULL DEFAULT 0,
    "entry_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wallet_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "ledger_kind" NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" INTEGER NOT NULL,
    "order_id" UUID,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment" (
    "order_id" UUID NOT NULL,
    "user_id" UUID,
    "status" "payment_status" NOT NULL,
    "amount_cents" INTEGER NOT NULL DEFAULT 0,
    "balance_after_cents" INTEGER,
    "short_by_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_user_id_seq_key" ON "ledger_entry"("user_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_user_id_idempotency_key_key" ON "ledger_entry"("user_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_order_id_kind_key" ON "ledger_entry"("order_id", "kind");

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "wallet"("user_id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The wallet's invariants, enforced where concurrent writers meet (hand-written: Prisma's schema
-- language has no CHECK constraints or triggers). Balance changes are conditional updates in
-- the same transaction as their ledger entry; these are the last line of defence.
ALTER TABLE "wallet" ADD CONSTRAINT "wallet_balance_non_negative" CHECK ("balance_cents" >= 0);
ALTER TABLE "wallet" ADD CONSTRAINT "wallet_entry_count_non_negative" CHECK ("entry_count" >= 0);

ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_seq_positive" CHECK ("seq" >= 1);
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_balance_after_non_negative" CHECK ("balance_after_cents" >= 0);
-- A payment takes, a charge or a refund adds; none is zero.
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_amount_sign" CHECK (
  CASE "kind" WHEN 'payment' THEN "amount_cents" < 0 ELSE "amount_cents" > 0 END
);
-- A charge has its idempotency key and no order; a payment or refund has its order.
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_reference" CHECK (
  CASE "kind"
    WHEN 'charge' THEN "idempotency_key" IS NOT NULL AND "order_id" IS NULL
    ELSE "order_id" IS NOT NULL AND "idempotency_key" IS NULL
  END
);

-- Each status carries what its replies are made from.
ALTER TABLE "payment" ADD CONSTRAINT "payment_status_fields" CHECK (
  CASE "status"
    WHEN 'paid' THEN "user_id" IS NOT NULL AND "amount_cents" > 0 AND "balance_after_cents" >= 0
    WHEN 'refunded' THEN "user_id" IS NOT NULL AND "amount_cents" > 0
    WHEN 'failed' THEN "user_id" IS NOT NULL AND "amount_cents" > 0 AND "short_by_cents" > 0
    WHEN 'cancelled' THEN "amount_cents" = 0
    ELSE TRUE
  END
);

-- 'pending' marks an order claimed by the transaction deciding it (src/adapters/out/prisma/
-- payment-store.ts): it must be replaced by the outcome before that transaction commits. A
-- deferred constraint trigger checks at commit, so a bug cannot leave an order undecided.
CREATE FUNCTION "payment_not_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "payment" WHERE "order_id" = NEW."order_id" AND "status" = 'pending') THEN
    RAISE EXCEPTION 'payment % would be committed as pending', NEW."order_id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER "payment_decided_at_commit"
  AFTER INSERT OR UPDATE ON "payment"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "payment_not_pending"();
