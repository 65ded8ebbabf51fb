-- Cancellations and refunds are exported to the data platform too (order.cancelled and
-- order.refunded), through the same table, job and rules as completed orders. An export is now
-- keyed by its kind and its id: 'order' and the order id (every existing row), or 'order-event'
-- and the event's message id. `prisma migrate diff` writes this as DROP COLUMN order_id + ADD
-- COLUMN export_id, which would lose every pending export: written by hand as a rename, so the
-- rows still to send (and their ids, the platform's idempotency keys) are kept.
-- The key is (kind, export_id), not export_id alone: an event's message id is its publisher's
-- choice (createMessage takes one), so nothing stops it from equalling some order's id.
-- An instance of the previous version still running while this applies (a rolling upgrade) can
-- no longer record an order (no order_id column): its handler fails, and the event goes back to
-- the queue with backoff until a new instance takes it, or is dead-lettered (replayable) once
-- its delivery limit is spent. Run the upgrade so the old consumers stop first.

-- AlterTable
ALTER TABLE "data_export" RENAME COLUMN "order_id" TO "export_id";
ALTER TABLE "data_export" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'order';
-- Every later insert names its kind.
ALTER TABLE "data_export" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "data_export" DROP CONSTRAINT "data_export_pkey",
ADD CONSTRAINT "data_export_pkey" PRIMARY KEY ("kind", "export_id");

ALTER TABLE "data_export" ADD CONSTRAINT "data_export_kind_known" CHECK ("kind" IN ('order', 'order-event'));
