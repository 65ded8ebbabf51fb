import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../../generated/prisma/client";
import { listingQueries } from "./product-listing-query";
import type { ProductFilter } from "../../../application/ports";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { SALES_DAYS } from "./product-repository.fixtures";

const t = useTestDatabase();

/*
 * The listing's statements (product-listing-query.ts, the very SQL the repository sends) must
 * be served by an index; EXPLAINed on ~2000 analysed rows.
 */
describe("listing query plans", () => {
  const WORDS = [
    "walnut",
    "ceramic",
    "linen",
    "brass",
    "oak",
    "stoneware",
    "copper",
    "wool",
    "cedar",
    "glass",
  ];
  const THINGS = [
    "mug",
    "stand",
    "lamp",
    "bowl",
    "tray",
    "kettle",
    "vase",
    "shelf",
    "blanket",
    "jar",
  ];
  const CATEGORY_COUNT = 8;

  beforeAll(async () => {
    await truncateCatalog(t.db);
    await t.db.category.createMany({
      data: Array.from({ length: CATEGORY_COUNT }, (_, i) => ({
        slug: `cat-${i}`,
        name: `Category ${i}`,
      })),
    });
    const base = Date.UTC(2025, 0, 1);
    await t.db.product.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        id: randomUUID(),
        slug: `product-${i}`,
        name: `${WORDS[i % WORDS.length]} ${THINGS[(i * 7) % THINGS.length]} ${i}`,
        description: `A ${WORDS[(i * 3) % WORDS.length]} ${THINGS[i % THINGS.length]}, made by hand in a small workshop.`,
        categorySlug: `cat-${i % CATEGORY_COUNT}`,
        priceCents: (i * 7_919) % 20_000,
        stock: i % 40,
        status: i % 10 === 9 ? ("archived" as const) : ("active" as const),
        createdAt: new Date(base + i * 3_600_000),
        updatedAt: new Date(base + i * 3_600_000),
      })),
    });
    // ANALYZE for the statistics; VACUUM (as autovacuum would after a bulk load) also merges the
    // trigram GIN indexes' pending lists, which otherwise make them look expensive to the planner.
    // The listing reads the catalog view: loaded here in bulk as the projector would leave it.
    await t.db.$executeRawUnsafe(`
      INSERT INTO read.catalog_product (id, slug, name, description, category_slug, category_name,
        price_cents, stock, image, status, created_at, updated_at, version)
      SELECT p.id, p.slug, p.name, p.description, p.category_slug, c.name, p.price_cents, p.stock,
        p.image, p.status, p.created_at, p.updated_at, p.version
      FROM product p JOIN category c ON c.slug = p.category_slug`);
    await t.db.$executeRawUnsafe(`VACUUM ANALYZE read.catalog_product`);
  });

  async function plan(sql: string, opts: { seqScanOff?: boolean } = {}): Promise<string> {
    const explain = async (db: Pick<typeof t.db, "$queryRawUnsafe" | "$executeRawUnsafe">) => {
      if (opts.seqScanOff) await db.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
    };
    const rows = opts.seqScanOff
      ? await t.db.$transaction((tx) => explain(tx))
      : await explain(t.db);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }

  const COLUMNS = `"id", "slug", "name", "description", "category_slug", "price_cents", "stock", "image", "status"::text, "created_at", "updated_at"`;
  const ACTIVE = `"status" = CAST('active'::text AS "product_status")`;

  it("has the rows it claims to plan for", async () => {
    expect(await t.db.product.count()).toBe(2_000);
    const [stats] = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT reltuples::int AS n FROM pg_class WHERE relname = 'catalog_product'`,
    );
    expect(stats?.n).toBe(2_000);
  });

  const filter = (f: Partial<ProductFilter>): ProductFilter => ({
    status: "active",
    sort: "newest",
    page: 1,
    pageSize: 12,
    ...f,
  });

  /** A plan less its InitPlan: the page's total, whose plan the test below checks. */
  const withoutInitPlan = (plan: string) => {
    let skipDeeperThan = -1;
    return plan
      .split("\n")
      .filter((line) => {
        const indent = line.search(/\S/);
        if (skipDeeperThan >= 0 && indent > skipDeeperThan) return false;
        skipDeeperThan = /^\s*InitPlan/.test(line) ? indent : -1;
        return skipDeeperThan < 0;
      })
      .join("\n");
  };

  it.each<[string, Partial<ProductFilter>]>([
    ["status + category, newest", { category: "cat-3" }],
    ["status, newest", {}],
    ["status, price ascending", { sort: "price_asc" }],
    ["status, price descending", { sort: "price_desc" }],
    ["status + category, price, third page", { category: "cat-5", sort: "price_asc", page: 3 }],
    ["status, name", { sort: "name" }],
    ["status + category, name", { category: "cat-1", sort: "name" }],
  ])("%s: the page is served by an index, no sequential scan", async (_label, f) => {
    const rows = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN ${listingQueries(filter(f), SALES_DAYS).page}`,
    );
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toContain("InitPlan"); // the total, computed once beside the page
    const text = withoutInitPlan(plan);
    expect(text).not.toMatch(/Seq Scan on catalog_product/);
    expect(text).toMatch(/Index (Only )?Scan( Backward)? using \w+ on catalog_product/);
  });

  it("a word search is served by the text search index (its page, and its total)", async () => {
    const rows = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN ${listingQueries(filter({ q: "Walnut lamps" }), SALES_DAYS).page}`,
    );
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).not.toMatch(/Seq Scan on catalog_product/);
    expect(plan).toContain("Bitmap Index Scan on catalog_product_search_words_idx");
    // Stemmed and as prefixes, every word required.
    expect(plan).toContain(`''walnut'':* & ''lamp'':*`);
  });

  it("counts a category's active products from an index", async () => {
    const rows = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN ${listingQueries(filter({ category: "cat-2" }), SALES_DAYS).total}`,
    );
    expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).not.toContain(
      "Seq Scan on catalog_product",
    );
  });

  // At 2000 rows (~60 pages) the planner rightly reads a rare term's few matches with a sequential
  // scan, so this one is planned with sequential scans disabled: what is checked is that the
  // trigram indexes *can* serve ILIKE '%term%' (without them the plan stays a Seq Scan).
  // The fallback of a word search that found nothing (search-match.ts): substrings, and typos
  // of the name (`<%`).
  it("text search ILIKE on name (and description) can use the trigram indexes", async () => {
    const onName = await plan(
      `SELECT "id" FROM read.catalog_product WHERE "name" ILIKE '%cedar jar%'`,
      {
        seqScanOff: true,
      },
    );
    expect(onName).not.toContain("Seq Scan on catalog_product");
    expect(onName).toContain("catalog_product_name_trgm_idx");
    const both = await plan(
      `SELECT ${COLUMNS} FROM read.catalog_product WHERE ${ACTIVE} AND ("name" ILIKE '%cedar jar%' OR "description" ILIKE '%cedar jar%') ORDER BY "created_at" DESC, "id" DESC LIMIT 12`,
      { seqScanOff: true },
    );
    expect(both).not.toContain("Seq Scan on catalog_product");
    expect(both).toContain("catalog_product_name_trgm_idx");
    expect(both).toContain("catalog_product_description_trgm_idx");
    const typo = await plan(`SELECT "id" FROM read.catalog_product WHERE 'ceder' <% "name"`, {
      seqScanOff: true,
    });
    expect(typo).toContain("catalog_product_name_trgm_idx");
  });

  it("the plan check itself can fail: a column without an index is scanned sequentially", async () => {
    const text = await plan(`SELECT "id" FROM read.catalog_product WHERE "stock" = 7`);
    expect(text).toContain("Seq Scan on catalog_product");
  });
});
