-- The export of completed orders to the data platform (written with prisma migrate diff; the
-- partial index and the CHECKs by hand).
-- CreateEnum
CREATE TYPE "export_status" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "data_export" (
    "order_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "export_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_export_pkey" PRIMARY KEY ("order_id")
);

-- The export job's lookup: pending rows whose next attempt is due, soonest first.
CREATE INDEX "data_export_due_idx" ON "data_export" ("next_attempt_at") WHERE "status" = 'PENDING';

ALTER TABLE "data_export" ADD CONSTRAINT "data_export_attempts_non_negative" CHECK ("attempts" >= 0);
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_delivered_at_when_delivered" CHECK (("status" = 'DELIVERED') = ("delivered_at" IS NOT NULL));
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_failed_at_when_failed" CHECK (("status" = 'FAILED') = ("failed_at" IS NOT NULL));
