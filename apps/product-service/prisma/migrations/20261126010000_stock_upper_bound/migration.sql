-- Stock is bounded above as well (the domain's MAX_STOCK): repeated additions could otherwise
-- overflow the integer column into a database error. Guarded moves check it first; this is the
-- last line of defence.
ALTER TABLE "product" ADD CONSTRAINT "product_stock_at_most_max" CHECK ("stock" <= 1000000);
