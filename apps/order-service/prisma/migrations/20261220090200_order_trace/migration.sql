-- The trace of the checkout that placed each order, for the saga inspector's link: the W3C
-- trace id of the request's span. Null when tracing was off, and for the orders placed before
-- this column. Written with prisma migrate diff; the CHECK by hand (a link is built from it).
-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "trace_id" TEXT;

ALTER TABLE "orders" ADD CONSTRAINT "orders_trace_id_w3c" CHECK ("trace_id" ~ '^[0-9a-f]{32}$');
