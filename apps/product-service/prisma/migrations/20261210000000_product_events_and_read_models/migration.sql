-- Product CQRS (issue 14). Command side: a version per product, bumped by every change in the
-- statement that makes it. Event history: every event product-service publishes (written with
-- the change) and every order.completed it consumes, in order, append-only. Query side: the
-- schema "read", written only by the projector (and the rebuild, which replays the history).

ALTER TABLE "product" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "product" ADD CONSTRAINT "product_version_positive" CHECK ("version" >= 1);

-- Nothing reads the command table for listings any more (the catalog view does): its listing
-- and search indexes only slowed writes down. The unique slug stays.
DROP INDEX "product_status_created_at_id_idx";
DROP INDEX "product_status_category_slug_created_at_id_idx";
DROP INDEX "product_status_price_cents_id_idx";
DROP INDEX "product_status_category_slug_price_cents_id_idx";
DROP INDEX "product_status_name_id_idx";
DROP INDEX "product_status_category_slug_name_id_idx";
DROP INDEX "product_name_trgm_idx";
DROP INDEX "product_description_trgm_idx";

CREATE TABLE "event_history" (
  "seq" BIGSERIAL PRIMARY KEY,
  "message_id" UUID NOT NULL UNIQUE,
  "type" TEXT NOT NULL,
  -- order.completed only: one per order, whatever message id it came under.
  "order_id" UUID UNIQUE,
  "message" JSONB NOT NULL,
  "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "event_history_order_id" CHECK (("type" = 'order.completed') = ("order_id" IS NOT NULL))
);
-- Append-only: nothing may change or remove a recorded event.
CREATE FUNCTION "event_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_history is append-only';
END $$;
CREATE TRIGGER "event_history_append_only" BEFORE UPDATE OR DELETE ON "event_history"
  FOR EACH ROW EXECUTE FUNCTION "event_history_append_only"();
CREATE TRIGGER "event_history_no_truncate" BEFORE TRUNCATE ON "event_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_history_append_only"();

-- The products that exist before this migration enter the history as created, at version 1, so
-- a rebuild (npm run rebuild-read-models) puts them in the catalog view.
INSERT INTO "event_history" ("message_id", "type", "message")
SELECT m.id, 'product.created', jsonb_build_object(
  'messageId', m.id, 'type', 'product.created', 'version', 1,
  'correlationId', p.id::text, 'occurredAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'payload', jsonb_build_object(
    'id', p.id, 'slug', p.slug, 'name', p.name, 'description', p.description,
    'category', jsonb_build_object('slug', c.slug, 'name', c.name),
    'priceCents', p.price_cents, 'stock', p.stock, 'image', p.image, 'status', p.status::text,
    'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'version', p.version))
FROM "product" p JOIN "category" c ON c.slug = p.category_slug
CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id WHERE p.id IS NOT NULL) m -- one per row
ORDER BY p.created_at, p.id;

CREATE SCHEMA "read";

-- The storefront's catalog: one row per product at the newest version seen. No unique slug: two
-- products' events arriving out of order may hold one slug for a moment.
CREATE TABLE "read"."catalog_product" (
  "id" UUID PRIMARY KEY,
  "slug" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL,
  "category_slug" TEXT NOT NULL,
  "category_name" TEXT NOT NULL,
  "price_cents" INTEGER NOT NULL,
  "stock" INTEGER NOT NULL,
  "image" TEXT,
  "status" "product_status" NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "version" INTEGER NOT NULL
);
CREATE INDEX "catalog_product_slug_idx" ON "read"."catalog_product" ("slug");
-- Listing queries always filter on status; these serve each sort with and without a category
-- (the same as the command table had before).
CREATE INDEX "catalog_product_newest_idx" ON "read"."catalog_product" ("status", "created_at" DESC, "id" DESC);
CREATE INDEX "catalog_product_category_newest_idx" ON "read"."catalog_product" ("status", "category_slug", "created_at" DESC, "id" DESC);
CREATE INDEX "catalog_product_price_idx" ON "read"."catalog_product" ("status", "price_cents", "id");
CREATE INDEX "catalog_product_category_price_idx" ON "read"."catalog_product" ("status", "category_slug", "price_cents", "id");
CREATE INDEX "catalog_product_name_idx" ON "read"."catalog_product" ("status", "name", "id");
CREATE INDEX "catalog_product_category_name_idx" ON "read"."catalog_product" ("status", "category_slug", "name", "id");
-- Text search: ILIKE '%term%' on name and description uses trigram indexes.
CREATE INDEX "catalog_product_name_trgm_idx" ON "read"."catalog_product" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "catalog_product_description_trgm_idx" ON "read"."catalog_product" USING GIN ("description" gin_trgm_ops);

-- Units sold per product per day (the day in the shop's time zone, SHOP_TIME_ZONE), from
-- order.completed. The primary key serves "the last N days" as a range scan.
CREATE TABLE "read"."product_sales_daily" (
  "day" DATE NOT NULL,
  "product_id" UUID NOT NULL,
  "units" INTEGER NOT NULL CHECK ("units" > 0),
  "revenue_cents" BIGINT NOT NULL CHECK ("revenue_cents" >= 0),
  "orders" INTEGER NOT NULL CHECK ("orders" > 0),
  PRIMARY KEY ("day", "product_id")
);
