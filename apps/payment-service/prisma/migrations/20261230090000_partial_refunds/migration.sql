-- CreateEnum
CREATE TYPE "part_refund_outcome" AS ENUM ('pending', 'refunded', 'not_paid', 'exceeds_payment');

-- DropIndex
DROP INDEX "ledger_entry_order_id_kind_key";

-- AlterTable
ALTER TABLE "ledger_entry" ADD COLUMN     "refund_id" UUID;

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "refunded_cents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "payment_refund" (
    "refund_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "outcome" "part_refund_outcome" NOT NULL,
    "user_id" UUID,
    "balance_after_cents" INTEGER,
    "refundable_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_refund_pkey" PRIMARY KEY ("refund_id")
);

-- CreateIndex
CREATE INDEX "payment_refund_order_id_idx" ON "payment_refund"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_refund_id_key" ON "ledger_entry"("refund_id");

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "payment_refund"("refund_id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- Partial refunds (payment.refund-part), hand-written below: Prisma's schema language has no
-- CHECK constraints, partial indexes or triggers.

-- An order is still debited at most once and refunded whole at most once: (order_id, kind) is
-- unique among the entries without a refund id. Each partial refund is an entry of its own
-- (kind refund, its order, its refund id, unique above). Partial, so not in schema.prisma.
CREATE UNIQUE INDEX "ledger_entry_order_id_kind_key" ON "ledger_entry"("order_id", "kind") WHERE "refund_id" IS NULL;
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_refund_id_is_refund" CHECK (
  "refund_id" IS NULL OR "kind" = 'refund'
);

-- THE guard: a payment's partial refunds never add up to more than it paid. The store raises
-- refunded_cents only by one conditional UPDATE (status paid, refunded_cents + amount <=
-- amount_cents); this CHECK is the last line of defence behind it. Only a paid order (or one
-- refunded whole after its partial refunds) has any.
ALTER TABLE "payment" ADD CONSTRAINT "payment_refunded_within_amount" CHECK (
  "refunded_cents" >= 0 AND "refunded_cents" <= "amount_cents"
);
ALTER TABLE "payment" ADD CONSTRAINT "payment_refunded_only_when_paid" CHECK (
  "refunded_cents" = 0 OR "status" IN ('paid', 'refunded')
);

-- Each outcome carries what its reply is made from.
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_amount_positive" CHECK ("amount_cents" > 0);
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_outcome_fields" CHECK (
  CASE "outcome"
    WHEN 'refunded' THEN "user_id" IS NOT NULL AND "balance_after_cents" >= 0
      AND "refundable_cents" IS NULL
    WHEN 'not_paid' THEN "refundable_cents" = 0 AND "balance_after_cents" IS NULL
    WHEN 'exceeds_payment' THEN "refundable_cents" >= 0
      AND "refundable_cents" < "amount_cents" AND "balance_after_cents" IS NULL
    ELSE TRUE
  END
);

-- 'pending' marks a refund id claimed by the transaction deciding it (src/adapters/out/pg/
-- payment-store.ts): it must be replaced by the outcome before that transaction commits, like
-- a pending payment (20261202100000_init).
CREATE FUNCTION "payment_refund_not_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "payment_refund" WHERE "refund_id" = NEW."refund_id" AND "outcome" = 'pending') THEN
    RAISE EXCEPTION 'refund % would be committed as pending', NEW."refund_id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER "payment_refund_decided_at_commit"
  AFTER INSERT OR UPDATE ON "payment_refund"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "payment_refund_not_pending"();
