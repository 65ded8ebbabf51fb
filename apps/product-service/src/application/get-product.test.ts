import { beforeEach, describe, expect, it } from "vitest";
import { getProduct } from "./get-product";
import { listCategories } from "./list-categories";
import { aProduct, CATEGORIES, memoryDeps, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import type { Product } from "../domain/product";

describe("getProduct", () => {
  let deps: MemoryDeps;
  let mug: Product;
  beforeEach(async () => {
    deps = memoryDeps();
    mug = aProduct({ slug: "mug", categorySlug: "desk" });
    await deps.products.insert(mug);
    await deps.products.insert(aProduct({ slug: "cup" }));
  });

  it("finds a product by id, with its category name", async () => {
    expect(valueOf(await getProduct(deps, { id: mug.id }))).toEqual({
      ...mug,
      categoryName: "Desk",
    });
  });

  it("finds a product by slug", async () => {
    expect(valueOf(await getProduct(deps, { slug: "mug" })).id).toBe(mug.id);
  });

  it("answers NOT_FOUND naming the id or the slug", async () => {
    const id = "00000000-0000-4000-8000-00000000ffff";
    expect(errorOf(await getProduct(deps, { id }), "NOT_FOUND").message).toContain(id);
    expect(errorOf(await getProduct(deps, { slug: "teapot" }), "NOT_FOUND").message).toContain(
      '"teapot"',
    );
  });
});

describe("listCategories", () => {
  it("lists the categories", async () => {
    expect(await listCategories(memoryDeps())).toEqual(CATEGORIES);
    expect(await listCategories(memoryDeps([]))).toEqual([]);
  });
});
