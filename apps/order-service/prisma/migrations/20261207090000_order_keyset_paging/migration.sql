-- The order lists page by keyset over (placed_at, id), newest first: `WHERE (placed_at, id) <
-- ($cursor) ORDER BY placed_at DESC, id DESC LIMIT n`. The placed_at indexes are replaced by ones
-- that end in both columns, so a page starts at its cursor and stops after n rows with no sort,
-- even inside a run of orders placed in the same millisecond; the admin's list of every order
-- (no state) gets one of its own. Written with prisma migrate diff.
-- DropIndex
DROP INDEX "orders_user_id_placed_at_idx";

-- DropIndex
DROP INDEX "orders_status_placed_at_idx";

-- CreateIndex
CREATE INDEX "orders_user_id_placed_at_id_idx" ON "orders"("user_id", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_status_placed_at_id_idx" ON "orders"("status", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_placed_at_id_idx" ON "orders"("placed_at" DESC, "id" DESC);
