-- Search by words on the query side (product-listing-query.ts): PostgreSQL's text search over
-- the catalog view. Hand-written (the read schema is not in Prisma's).
--
-- Each product's words, stemmed ('lamps' and 'Lamp' are one lexeme), name ranked above
-- description. A generated column: the projector's INSERT ... ON CONFLICT and the rebuild's
-- INSERT name their columns and leave this one to PostgreSQL, so every write path keeps it up to
-- date. The two-argument to_tsvector (a fixed configuration) is immutable, as a generated
-- column needs.
ALTER TABLE "read"."catalog_product"
  ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "name"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "description"), 'B')
  ) STORED;

-- Serves "search_words @@ query", prefix queries ('lam':*) included. The trigram indexes stay:
-- they serve the fallback for what words cannot find (part of a word, a typo, punctuation).
CREATE INDEX "catalog_product_search_words_idx" ON "read"."catalog_product" USING GIN ("search_words");
