import { beforeEach, describe, expect, it } from "vitest";
import { projectOutbox } from "../../../test/projection";
import { projectCompletedOrder } from "../../../application/project-completed-order";
import type { ProductFilter } from "../../../application/ports";
import { windowDays } from "../../../domain/sales";
import { truncateCatalog } from "../../../test/database";
import { countLimitOf } from "../../../domain/listing";
import {
  aProduct,
  CATEGORIES,
  listingCatalog,
  listingSales,
  memoryDeps,
  T0,
} from "../../../test/fixtures";
import {
  filter,
  insert,
  listView,
  readModels,
  SALES_DAYS,
  t,
  useRepositoryDatabase,
  view,
  WINDOW,
} from "./product-repository.fixtures";

useRepositoryDatabase();

describe("PrismaProductRepository", () => {
  beforeEach(async () => {
    await truncateCatalog(t.db);
    await t.db.category.createMany({ data: CATEGORIES });
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
      expect(await slugs({ q: "WALNUT" })).toEqual(["stand", "lamp"]);
      expect(await slugs({ q: "walnut" })).toEqual(["stand", "lamp"]);
      expect(await slugs({ q: "cErAmIc" })).toEqual(["mug"]);
      expect(await slugs({ q: "STONEWARE" })).toEqual(["mug"]);
      expect(await slugs({ q: "ook" })).toEqual(["notebook"]);
      expect(await listView(filter({ q: "teapot" }))).toEqual({ items: [], total: 0 });
    });

    it("searches words as a shopper types them: stems, prefixes, any order", async () => {
      expect(await slugs({ q: "lamps" })).toEqual(["lamp"]);
      expect(await slugs({ q: "LAM" })).toEqual(["lamp"]);
      expect(await slugs({ q: "walnut desk" })).toEqual(["lamp"]);
      expect(await slugs({ q: "base walnut" })).toEqual(["lamp"]);
      expect(await slugs({ q: "pour-over" })).toEqual(["stand"]);
      // Every word is required: no product is both walnut and ceramic.
      expect(await slugs({ q: "walnut ceramic" })).toEqual([]);
      // A stop word alone is no word to search by: only the substring fallback runs, and finds none.
      expect(await slugs({ q: "the" })).toEqual([]);
    });

    it("falls back to typos of a name when no word matches", async () => {
      expect(await slugs({ q: "ceramik" })).toEqual(["mug"]);
      expect(await slugs({ q: "notebok" })).toEqual(["notebook"]);
    });

    it("orders a word search by relevance (the name before the description), or as asked", async () => {
      // The lamp is newer, but has "walnut" only in its description.
      expect(await slugs({ q: "walnut" })).toEqual(["stand", "lamp"]);
      expect(await slugs({ q: "walnut", sort: "price_desc" })).toEqual(["lamp", "stand"]);
      expect(await slugs({ q: "walnut", sort: "name" })).toEqual(["lamp", "stand"]);
    });

    it("counts a word search's matches like any listing", async () => {
      const page = await listView(filter({ q: "walnut", pageSize: 1 }));
      expect(page.items.map((p) => p.slug)).toEqual(["stand"]);
      expect(page.total).toBe(2);
      // Past the last page: no fallback search, the matches are still counted.
      expect(await listView(filter({ q: "walnut", page: 3, pageSize: 1 }))).toEqual({
        items: [],
        total: 2,
      });
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
});
