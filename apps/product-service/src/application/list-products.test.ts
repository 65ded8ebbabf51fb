import { beforeEach, describe, expect, it } from "vitest";
import { listProducts } from "./list-products";
import { popularProducts } from "./popular-products";
import { projectCompletedOrder } from "./project-completed-order";
import type { ProductFilter } from "./ports";
import { MAX_LISTING_PAGE } from "../domain/listing";
import {
  ADMIN,
  aProduct,
  listingCatalog,
  listingSales,
  memoryDeps,
  SHOPPER,
  VISITOR,
  type MemoryDeps,
} from "../test/fixtures";

const filter = (f: Partial<ProductFilter> = {}): ProductFilter => ({
  status: "active",
  sort: "newest",
  page: 1,
  pageSize: 12,
  ...f,
});

describe("listProducts", () => {
  let deps: MemoryDeps;
  const slugs = async (f: Partial<ProductFilter>) =>
    (await listProducts(deps, filter(f), ADMIN)).items.map((p) => p.slug);

  beforeEach(async () => {
    deps = memoryDeps();
    for (const p of listingCatalog()) await deps.products.insert(p);
  });

  it("lists active products, newest first, with their category names", async () => {
    const page = await listProducts(deps, filter(), ADMIN);
    expect(page.items.map((p) => p.slug)).toEqual(["hose", "notebook", "lamp", "mug", "stand"]);
    expect(page.items[0]?.categoryName).toBe("Garden");
    expect(page).toMatchObject({
      total: 5,
      totalCapped: false,
      page: 1,
      pageSize: 12,
      pageCount: 1,
    });
  });

  describe("text search", () => {
    it("matches the name and the description, ignoring case", async () => {
      expect(await slugs({ q: "WALNUT" })).toEqual(["lamp", "stand"]);
      expect(await slugs({ q: "mug" })).toEqual(["mug"]);
      expect(await slugs({ q: "stoneware" })).toEqual(["mug"]);
    });

    it("matches part of a word and finds nothing for an absent term", async () => {
      expect(await slugs({ q: "ook" })).toEqual(["notebook"]);
      const none = await listProducts(deps, filter({ q: "teapot" }), ADMIN);
      expect(none).toMatchObject({ items: [], total: 0, pageCount: 1 });
    });
  });

  it("filters by category", async () => {
    expect(await slugs({ category: "desk" })).toEqual(["notebook", "lamp"]);
    expect(await slugs({ category: "toys" })).toEqual([]);
  });

  it("filters by price range, bounds included", async () => {
    expect(await slugs({ minPriceCents: 1_200, maxPriceCents: 3_000, sort: "price_asc" })).toEqual([
      "notebook",
      "mug",
      "hose",
    ]);
    expect(await slugs({ minPriceCents: 3_001, sort: "price_asc" })).toEqual(["stand", "lamp"]);
    expect(await slugs({ maxPriceCents: 1_199 })).toEqual([]);
  });

  it("combines filters", async () => {
    expect(await slugs({ q: "walnut", category: "kitchen" })).toEqual(["stand"]);
    expect(await slugs({ q: "walnut", maxPriceCents: 5_000 })).toEqual(["stand"]);
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

  it("paginates, counting every match", async () => {
    const first = await listProducts(deps, filter({ pageSize: 2 }), ADMIN);
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, pageCount: 3 });
    expect(first.items.map((p) => p.slug)).toEqual(["hose", "notebook"]);
    expect(await slugs({ pageSize: 2, page: 2 })).toEqual(["lamp", "mug"]);
    expect(await slugs({ pageSize: 2, page: 3 })).toEqual(["stand"]);
    const beyond = await listProducts(deps, filter({ pageSize: 2, page: 4 }), ADMIN);
    expect(beyond).toMatchObject({ items: [], total: 5, page: 4, pageCount: 3 });
  });

  it("counts no further than the last page a listing can show, and says there are more", async () => {
    // 5 + 50 active products at one a page: page 50 is the last, 51 rows are counted at most.
    for (let i = 0; i < 50; i++) await deps.products.insert(aProduct());
    const capped = await listProducts(deps, filter({ pageSize: 1 }), ADMIN);
    expect(capped).toMatchObject({ total: MAX_LISTING_PAGE, totalCapped: true, pageCount: 50 });
    const exact = await listProducts(deps, filter({ pageSize: 2 }), ADMIN);
    expect(exact).toMatchObject({ total: 55, totalCapped: false, pageCount: 28 });
  });

  it("pages through every product exactly once", async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++)
      seen.push(...(await slugs({ pageSize: 2, page, sort: "price_asc" })));
    expect(seen).toEqual(await slugs({ sort: "price_asc" }));
  });

  it("filters by status", async () => {
    expect(await slugs({ status: "archived" })).toEqual(["kettle"]);
    expect(await slugs({ status: "all" })).toEqual([
      "kettle",
      "hose",
      "notebook",
      "lamp",
      "mug",
      "stand",
    ]);
    expect((await listProducts(deps, filter({ status: "all" }), ADMIN)).total).toBe(6);
  });

  describe("the popular sort: units sold in the window (today and the 2 days before)", () => {
    beforeEach(async () => {
      for (const { order, event } of listingSales(deps.clock.now()))
        await projectCompletedOrder(deps, order, event);
    });

    it("puts the best sellers first, ties by id, then the products that sold nothing", async () => {
      // hose's 5 units were sold 3 days and a minute ago: outside the window, so 0.
      expect(await slugs({ sort: "popular" })).toEqual([
        "mug",
        "notebook",
        "lamp",
        "stand",
        "hose",
      ]);
    });

    it("starts with the same products, in the same order, as popularProducts", async () => {
      const popular = await popularProducts(deps, VISITOR);
      const page = await listProducts(deps, filter({ sort: "popular" }), VISITOR);
      expect(page.items.slice(0, popular.items.length).map((p) => p.id)).toEqual(
        popular.items.map((i) => i.product.id),
      );
    });

    it("follows the window as the days pass", async () => {
      // The window's first day drops out with mug's 1 unit: mug, notebook and lamp tie at 2.
      deps.clock.advance(24 * 60 * 60_000);
      expect(await slugs({ sort: "popular", pageSize: 3 })).toEqual(["notebook", "lamp", "mug"]);
      deps.clock.advance(24 * 60 * 60_000); // now only today's order counts: mug 2, notebook 1
      expect(await slugs({ sort: "popular", pageSize: 2 })).toEqual(["mug", "notebook"]);
      deps.clock.advance(24 * 60 * 60_000);
      expect(await slugs({ sort: "popular" })).toEqual([
        "stand",
        "notebook",
        "lamp",
        "mug",
        "hose",
      ]);
    });

    it("combines with filters and pages, listing every product exactly once", async () => {
      expect(await slugs({ sort: "popular", category: "desk" })).toEqual(["notebook", "lamp"]);
      expect(await slugs({ sort: "popular", maxPriceCents: 3_000 })).toEqual([
        "mug",
        "notebook",
        "hose",
      ]);
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++)
        seen.push(...(await slugs({ sort: "popular", pageSize: 2, page })));
      expect(seen).toEqual(["mug", "notebook", "lamp", "stand", "hose"]);
    });

    it("ranks an archived best seller only for an admin who asks for all statuses", async () => {
      const all = await listProducts(deps, filter({ sort: "popular", status: "all" }), ADMIN);
      expect(all.items.map((p) => p.slug)).toEqual([
        "kettle",
        "mug",
        "notebook",
        "lamp",
        "stand",
        "hose",
      ]);
      const shopper = await listProducts(deps, filter({ sort: "popular", status: "all" }), SHOPPER);
      expect(shopper.items.map((p) => p.slug)).not.toContain("kettle");
    });
  });

  describe("who sees archived products (decided here, not by the callers)", () => {
    it("admins get the status they ask for", async () => {
      const archived = await listProducts(deps, filter({ status: "archived" }), ADMIN);
      expect(archived.items.map((p) => p.slug)).toEqual(["kettle"]);
      expect((await listProducts(deps, filter({ status: "all" }), ADMIN)).total).toBe(6);
    });

    it.each([
      ["a visitor", VISITOR],
      ["a shopper", SHOPPER],
    ])("%s gets the active catalog whatever they ask for", async (_, actor) => {
      for (const status of ["active", "archived", "all"] as const) {
        const page = await listProducts(deps, filter({ status, pageSize: 2 }), actor);
        expect(page).toMatchObject({ total: 5, page: 1, pageSize: 2, pageCount: 3 });
        expect(page.items.every((p) => p.status === "active")).toBe(true);
      }
    });
  });
});
