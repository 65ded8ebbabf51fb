import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "../../../generated/prisma/client";
import { listingQueries } from "./product-listing-query";
import { PrismaProductRepository } from "./product-repository";
import { PrismaCatalogView } from "./catalog-view";
import { PrismaReadModelStore } from "./read-model-store";
import { projectOutbox } from "../../../test/projection";
import { projectCompletedOrder } from "../../../application/project-completed-order";
import type { ProductFilter, StockMove } from "../../../application/ports";
import type { Product } from "../../../domain/product";
import { windowDays, type SalesWindow } from "../../../domain/sales";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { countLimitOf } from "../../../domain/listing";
import {
  aProduct,
  CATEGORIES,
  listingCatalog,
  listingSales,
  memoryDeps,
  T0,
} from "../../../test/fixtures";

const t = useTestDatabase();
let repo: PrismaProductRepository;

let view: PrismaCatalogView;
let readModels: PrismaReadModelStore;

beforeAll(() => {
  repo = new PrismaProductRepository(t.db);
  view = new PrismaCatalogView(t.db);
  readModels = new PrismaReadModelStore(t.db);
});

// The command side answers with outcomes; these keep the tests' old shorthand.
const insert = async (p: Product) =>
  (await repo.insert(p)).kind === "saved" ? "ok" : "slug-taken";
/** An edit made from the product's current version (staleness is tested on its own). */
const update = async (p: Product) => {
  const r = await repo.update(p, (await repo.findById(p.id))?.version ?? 1);
  return r.kind === "saved" ? "ok" : r.kind;
};
// The popular sort's window, as the use case passes it: T0's day and the two before, in UTC.
const WINDOW: SalesWindow = { days: 3, timeZone: "UTC" };
const SALES_DAYS = windowDays(T0, WINDOW);

// Reads go to the catalog view, after the projector applied the outbox's events.
const listView = async (f: ProductFilter) => {
  await projectOutbox(t.db, { readModels });
  return view.list(f, SALES_DAYS);
};
const bySlug = async (slug: string) => {
  await projectOutbox(t.db, { readModels });
  const found = await view.findBySlug(slug);
  return found && (await repo.findById(found.id));
};

const filter = (f: Partial<ProductFilter> = {}): ProductFilter => ({
  status: "active",
  sort: "newest",
  page: 1,
  pageSize: 12,
  ...f,
});

async function stockOf(id: string): Promise<number> {
  const row = await t.db.product.findUniqueOrThrow({ where: { id }, select: { stock: true } });
  return row.stock;
}

describe("PrismaProductRepository", () => {
  beforeEach(async () => {
    await truncateCatalog(t.db);
    await t.db.category.createMany({ data: CATEGORIES });
  });

  describe("insert and find", () => {
    it("stores a product and finds it by id and by slug, with its category name", async () => {
      const mug = aProduct({
        slug: "mug",
        name: "Mug",
        description: "Stoneware",
        image: "/images/mug.svg",
      });
      expect(await insert(mug)).toBe("ok");
      const expected = { ...mug, categoryName: "Kitchen" };
      expect(await repo.findById(mug.id)).toEqual(expected);
      expect(await bySlug("mug")).toEqual(expected);
    });

    it("answers null for an unknown id or slug", async () => {
      expect(await repo.findById(randomUUID())).toBeNull();
      expect(await bySlug("nothing-here")).toBeNull();
    });

    it('answers "slug-taken" for a second product with the same slug and keeps the first', async () => {
      const first = aProduct({ slug: "mug", name: "First" });
      expect(await insert(first)).toBe("ok");
      expect(await insert(aProduct({ slug: "mug", name: "Second" }))).toBe("slug-taken");
      expect((await bySlug("mug"))?.id).toBe(first.id);
      expect(await t.db.product.count()).toBe(1);
    });

    it("does not report a clash on another unique column (the id) as slug-taken", async () => {
      const first = aProduct({ slug: "mug" });
      await insert(first);
      await expect(insert(aProduct({ id: first.id, slug: "cup" }))).rejects.toMatchObject({
        code: "P2002",
      });
    });

    it("does not hide other failures as slug-taken (unknown category)", async () => {
      await expect(insert(aProduct({ categorySlug: "toys" }))).rejects.toThrow();
    });
  });

  describe("update", () => {
    it("saves the editable fields of a product as the use cases pass it (with its category name)", async () => {
      const mug = aProduct({ slug: "mug", stock: 4 });
      await insert(mug);
      const found = (await repo.findById(mug.id))!;
      const later = new Date(T0.getTime() + 86_400_000);
      const changed = {
        ...found,
        name: "Big Mug",
        slug: "big-mug",
        categorySlug: "desk",
        priceCents: 1_999,
        image: "/m.svg",
        updatedAt: later,
      };
      expect(await update(changed)).toBe("ok");
      expect(await repo.findById(mug.id)).toEqual({ ...changed, categoryName: "Desk", version: 2 });
    });

    it("never writes stock or createdAt", async () => {
      const mug = aProduct({ stock: 4 });
      await insert(mug);
      expect(await update({ ...mug, stock: 999, createdAt: new Date(0), name: "Renamed" })).toBe(
        "ok",
      );
      expect(await repo.findById(mug.id)).toMatchObject({
        stock: 4,
        createdAt: mug.createdAt,
        name: "Renamed",
      });
    });

    it("refuses to edit a product archived after it was read, and leaves it archived", async () => {
      const mug = aProduct({ id: randomUUID(), slug: "mug", name: "Mug" });
      await insert(mug);
      const read = await repo.findById(mug.id);
      await repo.archive(mug.id, new Date(T0.getTime() + 60_000));
      expect(await update({ ...read!, name: "Edited meanwhile" })).toBe("archived");
      expect(await repo.findById(mug.id)).toMatchObject({ status: "archived", name: "Mug" });
    });

    it('answers "slug-taken" when the new slug belongs to another product', async () => {
      const mug = aProduct({ slug: "mug" });
      await insert(mug);
      await insert(aProduct({ slug: "cup" }));
      expect(await update({ ...mug, slug: "cup" })).toBe("slug-taken");
      expect((await repo.findById(mug.id))?.slug).toBe("mug");
    });
  });

  describe("list", () => {
    beforeEach(async () => {
      for (const p of listingCatalog()) expect(await insert(p)).toBe("ok");
    });
    const slugs = async (f: Partial<ProductFilter>) =>
      (await listView(filter(f))).items.map((p) => p.slug);

    it("lists active products newest first with the total count and category names", async () => {
      const { items, total } = await listView(filter());
      expect(items.map((p) => p.slug)).toEqual(["hose", "notebook", "lamp", "mug", "stand"]);
      expect(items.map((p) => p.categoryName)).toEqual([
        "Garden",
        "Desk",
        "Desk",
        "Kitchen",
        "Kitchen",
      ]);
      expect(total).toBe(5);
    });

    it("searches name and description, case-insensitively", async () => {
      expect(await slugs({ q: "WALNUT" })).toEqual(["lamp", "stand"]);
      expect(await slugs({ q: "walnut" })).toEqual(["lamp", "stand"]);
      expect(await slugs({ q: "cErAmIc" })).toEqual(["mug"]);
      expect(await slugs({ q: "STONEWARE" })).toEqual(["mug"]);
      expect(await slugs({ q: "ook" })).toEqual(["notebook"]);
      expect(await listView(filter({ q: "teapot" }))).toEqual({ items: [], total: 0 });
    });

    it("searches LIKE wildcards and backslashes literally", async () => {
      await insert(aProduct({ slug: "linen", name: "100% Linen Towel" }));
      await insert(aProduct({ slug: "jug", name: "Jug", description: "Holds 1000 ml" }));
      await insert(aProduct({ slug: "snake", name: "snake_case sticker", description: "a\\b" }));
      expect(await slugs({ q: "100%" })).toEqual(["linen"]);
      expect(await slugs({ q: "%" })).toEqual(["linen"]);
      expect(await slugs({ q: "e_c" })).toEqual(["snake"]);
      expect(await slugs({ q: "_" })).toEqual(["snake"]);
      expect(await slugs({ q: "a\\b" })).toEqual(["snake"]);
    });

    it("filters by category", async () => {
      expect(await slugs({ category: "desk" })).toEqual(["notebook", "lamp"]);
      expect(await listView(filter({ category: "toys" }))).toEqual({ items: [], total: 0 });
    });

    it("filters by price range, bounds included", async () => {
      const page = await listView(
        filter({ minPriceCents: 1_200, maxPriceCents: 3_000, sort: "price_asc" }),
      );
      expect(page.items.map((p) => p.slug)).toEqual(["notebook", "mug", "hose"]);
      expect(page.total).toBe(3);
      expect(await slugs({ minPriceCents: 3_001, sort: "price_asc" })).toEqual(["stand", "lamp"]);
      expect(await slugs({ maxPriceCents: 1_200 })).toEqual(["notebook", "mug"]);
      expect(await slugs({ maxPriceCents: 1_199 })).toEqual([]);
    });

    it("combines search, category and price", async () => {
      expect(await slugs({ q: "walnut", category: "kitchen" })).toEqual(["stand"]);
      expect(await slugs({ q: "walnut", minPriceCents: 5_000 })).toEqual(["lamp"]);
    });

    it.each([
      ["newest", ["hose", "notebook", "lamp", "mug", "stand"]],
      // Nothing sold yet: every product has 0 units, so the order is the tie-break, by id.
      ["popular", ["stand", "notebook", "lamp", "mug", "hose"]],
      ["price_asc", ["notebook", "mug", "hose", "stand", "lamp"]],
      ["price_desc", ["lamp", "stand", "hose", "mug", "notebook"]],
      ["name", ["mug", "lamp", "hose", "notebook", "stand"]],
    ] as const)("sorts by %s (ties broken by id)", async (sort, expected) => {
      expect(await slugs({ sort })).toEqual(expected);
    });

    describe("the popular sort, from the daily sales (the same expectations as in memory)", () => {
      beforeEach(async () => {
        for (const { order, event } of listingSales(T0))
          await projectCompletedOrder({ readModels, salesWindow: WINDOW }, order, event);
      });

      it("puts the window's best sellers first, ties by id, then the products that sold nothing", async () => {
        // hose's 5 units were sold 3 days and a minute ago: outside the window, so 0.
        expect(await slugs({ sort: "popular" })).toEqual([
          "mug",
          "notebook",
          "lamp",
          "stand",
          "hose",
        ]);
        const all = await listView(filter({ sort: "popular", status: "all" }));
        expect(all.items.map((p) => p.slug)).toEqual([
          "kettle",
          "mug",
          "notebook",
          "lamp",
          "stand",
          "hose",
        ]);
        expect(all.total).toBe(6);
      });

      it("combines with filters and pages, listing every product exactly once", async () => {
        expect(await slugs({ sort: "popular", category: "desk" })).toEqual(["notebook", "lamp"]);
        expect(await slugs({ sort: "popular", maxPriceCents: 3_000 })).toEqual([
          "mug",
          "notebook",
          "hose",
        ]);
        const seen: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const listing = await listView(filter({ sort: "popular", pageSize: 2, page }));
          expect(listing.total).toBe(5);
          seen.push(...listing.items.map((p) => p.slug));
        }
        expect(seen).toEqual(["mug", "notebook", "lamp", "stand", "hose"]);
      });

      it("counts only the window it is given", async () => {
        await projectOutbox(t.db, { readModels });
        const later = windowDays(new Date(T0.getTime() + 2 * 86_400_000), WINDOW);
        const page = await view.list(filter({ sort: "popular", pageSize: 2 }), later);
        expect(page.items.map((p) => p.slug)).toEqual(["mug", "notebook"]);
      });
    });

    it("paginates and counts every match, not just the page", async () => {
      const first = await listView(filter({ pageSize: 2 }));
      expect(first.items.map((p) => p.slug)).toEqual(["hose", "notebook"]);
      expect(first.total).toBe(5);
      expect(await slugs({ pageSize: 2, page: 2 })).toEqual(["lamp", "mug"]);
      expect(await slugs({ pageSize: 2, page: 3 })).toEqual(["stand"]);
      expect(await listView(filter({ pageSize: 2, page: 4 }))).toEqual({ items: [], total: 5 });
      const filtered = await listView(
        filter({ category: "kitchen", status: "all", pageSize: 1, page: 2 }),
      );
      expect(filtered.items.map((p) => p.slug)).toEqual(["mug"]);
      expect(filtered.total).toBe(3);
    });

    it("counts no further than the last page a listing can show (the in-memory store too)", async () => {
      for (let i = 0; i < 50; i++) expect(await insert(aProduct())).toBe("ok");
      // 55 active products; at one a page, 50 pages are reachable and 51 rows are counted.
      expect((await listView(filter({ pageSize: 1 }))).total).toBe(countLimitOf({ pageSize: 1 }));
      expect((await listView(filter({ pageSize: 2 }))).total).toBe(55);
      const memory = memoryDeps();
      for (const p of listingCatalog()) await memory.products.insert(p);
      for (let i = 0; i < 50; i++) await memory.products.insert(aProduct());
      expect((await memory.catalog.list(filter({ pageSize: 1 }), SALES_DAYS)).total).toBe(51);
    });

    it("filters by status", async () => {
      expect(await slugs({ status: "archived" })).toEqual(["kettle"]);
      const all = await listView(filter({ status: "all" }));
      expect(all.items.map((p) => p.slug)).toEqual([
        "kettle",
        "hose",
        "notebook",
        "lamp",
        "mug",
        "stand",
      ]);
      expect(all.total).toBe(6);
    });
  });

  describe("moveStock", () => {
    let mug: Product;
    const now = new Date(T0.getTime() + 3_600_000);
    beforeEach(async () => {
      mug = aProduct({ stock: 10 });
      await insert(mug);
    });

    it("moves stock up and down and records when", async () => {
      const up = await repo.moveStock(mug.id, 5, now);
      expect(up).toMatchObject({
        kind: "moved",
        product: { id: mug.id, stock: 15, updatedAt: now, categoryName: "Kitchen" },
      });
      expect((await repo.moveStock(mug.id, -15, now)).kind).toBe("moved");
      expect(await stockOf(mug.id)).toBe(0);
    });

    it("refuses an admin's move above the maximum; above it (units released after an addition), only lowers", async () => {
      expect(await repo.moveStock(mug.id, 999_991, now)).toEqual({
        kind: "over-limit",
        available: 10,
      });
      expect((await repo.moveStock(mug.id, 999_990, now)).kind).toBe("moved");
      expect(await stockOf(mug.id)).toBe(1_000_000);
      // A release may leave more than the maximum (reserve-and-release tests): then an admin
      // can take stock away, never add.
      await t.db.product.update({ where: { id: mug.id }, data: { stock: 1_000_005 } });
      expect((await repo.moveStock(mug.id, 1, now)).kind).toBe("over-limit");
      expect((await repo.moveStock(mug.id, -5, now)).kind).toBe("moved");
      expect(await stockOf(mug.id)).toBe(1_000_000);
    });

    it("refuses to go below zero and reports what is available", async () => {
      expect(await repo.moveStock(mug.id, -11, now)).toEqual({
        kind: "insufficient",
        available: 10,
      });
      expect(await stockOf(mug.id)).toBe(10);
    });

    it("answers not-found for an unknown id", async () => {
      expect(await repo.moveStock(randomUUID(), -1, now)).toEqual({ kind: "not-found" });
      expect(await repo.moveStock(randomUUID(), 1, now)).toEqual({ kind: "not-found" });
    });

    it("never oversells under concurrency: 25 concurrent -1 on a stock of 10", async () => {
      const moves = await Promise.all(
        Array.from({ length: 25 }, () => repo.moveStock(mug.id, -1, now)),
      );
      const kinds = (kind: StockMove["kind"]) => moves.filter((m) => m.kind === kind).length;
      expect(kinds("moved")).toBe(10);
      expect(kinds("insufficient")).toBe(15);
      for (const m of moves) {
        if (m.kind === "moved") expect(m.product.stock).toBeGreaterThanOrEqual(0);
        if (m.kind === "insufficient") expect(m.available).toBe(0);
      }
      expect(await stockOf(mug.id)).toBe(0);
    });

    it("composes concurrent additions and removals exactly", async () => {
      // 10 removals of 3 against 10 in stock plus 10 additions of 1: whatever the interleaving,
      // the final stock is 10 + 10 - 3 * (removals that succeeded), and never negative.
      const moves = await Promise.all(
        Array.from({ length: 20 }, (_, i) => repo.moveStock(mug.id, i % 2 ? 1 : -3, now)),
      );
      const removed = moves.filter((m, i) => i % 2 === 0 && m.kind === "moved").length;
      expect(moves.filter((m, i) => i % 2 === 1 && m.kind === "moved")).toHaveLength(10);
      expect(removed).toBeGreaterThanOrEqual(3);
      expect(removed).toBeLessThanOrEqual(6);
      expect(await stockOf(mug.id)).toBe(20 - 3 * removed);
    });

    it("the CHECK constraints refuse a negative stock or price written directly", async () => {
      await expect(
        t.db.$executeRawUnsafe(`UPDATE "product" SET "stock" = -1 WHERE "id" = $1::uuid`, mug.id),
      ).rejects.toThrow(/product_stock_non_negative/);
      await expect(
        t.db.product.update({ where: { id: mug.id }, data: { stock: { decrement: 11 } } }),
      ).rejects.toThrow();
      await expect(
        t.db.$executeRawUnsafe(
          `UPDATE "product" SET "price_cents" = -1 WHERE "id" = $1::uuid`,
          mug.id,
        ),
      ).rejects.toThrow(/product_price_non_negative/);
      expect(await stockOf(mug.id)).toBe(10);
    });
  });
});

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
    ["status + search on name and description, newest", { q: "walnut" }],
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
  });

  it("the plan check itself can fail: a column without an index is scanned sequentially", async () => {
    const text = await plan(`SELECT "id" FROM read.catalog_product WHERE "stock" = 7`);
    expect(text).toContain("Seq Scan on catalog_product");
  });
});
