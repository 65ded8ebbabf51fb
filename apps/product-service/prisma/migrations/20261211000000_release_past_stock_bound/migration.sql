-- A release gives back every unit its order took, even when that leaves the stock above
-- MAX_STOCK (an admin added stock while the units were reserved): capping it at the bound made
-- those units vanish. MAX_STOCK stays the bound of what an admin may add (the guarded move
-- checks it); the integer column's own range is the last line of defence against overflow.
ALTER TABLE "product" DROP CONSTRAINT "product_stock_at_most_max";
