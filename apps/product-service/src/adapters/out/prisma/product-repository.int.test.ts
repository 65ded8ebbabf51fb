import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { StockMove } from "../../../application/ports";
import type { Product } from "../../../domain/product";
import { truncateCatalog } from "../../../test/database";
import { aProduct, CATEGORIES, T0 } from "../../../test/fixtures";
import {
  bySlug,
  insert,
  repo,
  stockOf,
  t,
  update,
  useRepositoryDatabase,
} from "./product-repository.fixtures";

// The listing is in product-repository-list.int.test.ts, its query plans in
// listing-query-plans.int.test.ts.
useRepositoryDatabase();

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
