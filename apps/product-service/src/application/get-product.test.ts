import { beforeEach, describe, expect, it } from "vitest";
import { getProduct } from "./get-product";
import { listCategories } from "./list-categories";
import {
  ADMIN,
  aProduct,
  CATEGORIES,
  memoryDeps,
  SHOPPER,
  VISITOR,
  type MemoryDeps,
} from "../test/fixtures";
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
    expect(valueOf(await getProduct(deps, { id: mug.id }, VISITOR))).toEqual({
      ...mug,
      categoryName: "Desk",
    });
  });

  it("finds a product by slug", async () => {
    expect(valueOf(await getProduct(deps, { slug: "mug" }, VISITOR)).id).toBe(mug.id);
  });

  it("answers NOT_FOUND naming the id or the slug", async () => {
    const id = "00000000-0000-4000-8000-00000000ffff";
    expect(errorOf(await getProduct(deps, { id }, VISITOR), "NOT_FOUND").message).toContain(id);
    expect(
      errorOf(await getProduct(deps, { slug: "teapot" }, VISITOR), "NOT_FOUND").message,
    ).toContain('"teapot"');
  });
});

describe("getProduct: who sees an archived product", () => {
  let deps: MemoryDeps;
  let kettle: Product;
  beforeEach(async () => {
    deps = memoryDeps();
    kettle = aProduct({ slug: "kettle", status: "archived" });
    await deps.products.insert(kettle);
  });

  it("an admin does, by id and by slug", async () => {
    expect(valueOf(await getProduct(deps, { id: kettle.id }, ADMIN)).status).toBe("archived");
    expect(valueOf(await getProduct(deps, { slug: "kettle" }, ADMIN)).id).toBe(kettle.id);
  });

  it.each([
    ["a visitor", VISITOR],
    ["a shopper", SHOPPER],
  ])("%s gets NOT_FOUND, as for a product that never existed", async (_, actor) => {
    expect(errorOf(await getProduct(deps, { id: kettle.id }, actor), "NOT_FOUND").message).toBe(
      `No product with id ${kettle.id}`,
    );
    expect(errorOf(await getProduct(deps, { slug: "kettle" }, actor), "NOT_FOUND").message).toBe(
      'No product "kettle"',
    );
  });
});

describe("listCategories", () => {
  it("lists the categories", async () => {
    expect(await listCategories(memoryDeps())).toEqual(CATEGORIES);
    expect(await listCategories(memoryDeps([]))).toEqual([]);
  });
});
