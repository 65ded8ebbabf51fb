import { beforeEach, describe, expect, it } from "vitest";
import { createProduct } from "./create-product";
import { updateProduct } from "./update-product";
import { aProduct, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";
import type { Product } from "../domain/product";

const MISSING = "00000000-0000-4000-8000-00000000ffff";

describe("updateProduct", () => {
  let deps: MemoryDeps;
  let mug: Product;
  let cup: Product;
  beforeEach(async () => {
    deps = memoryDeps();
    mug = aProduct({ slug: "mug", name: "Mug", stock: 7, createdAt: T0, updatedAt: T0 });
    cup = aProduct({ slug: "cup", name: "Cup" });
    await deps.products.insert(mug);
    await deps.products.insert(cup);
    deps.clock.advance(60_000);
  });

  it("changes the given fields, keeps the others and moves updatedAt", async () => {
    const updated = valueOf(
      await updateProduct(
        deps,
        mug.id,
        {
          name: " Big Mug ",
          priceCents: 1_250,
          categorySlug: "desk",
        },
        1,
      ),
    );
    expect(updated).toEqual({
      ...mug,
      name: "Big Mug",
      priceCents: 1_250,
      categorySlug: "desk",
      categoryName: "Desk",
      updatedAt: new Date(T0.getTime() + 60_000),
      version: 2,
    });
    expect(deps.products.rows.get(mug.id)?.name).toBe("Big Mug");
  });

  it("keeps its own slug without a conflict", async () => {
    expect(valueOf(await updateProduct(deps, mug.id, { slug: "mug", name: "Mug" }, 1)).slug).toBe(
      "mug",
    );
  });

  it("refuses a slug another product has and leaves the product as it was", async () => {
    expect(errorOf(await updateProduct(deps, mug.id, { slug: "cup" }, 1), "SLUG_TAKEN").slug).toBe(
      "cup",
    );
    expect(deps.products.rows.get(mug.id)).toEqual(mug);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const error = errorOf(await updateProduct(deps, MISSING, { name: "x" }, 1), "NOT_FOUND");
    expect(error.message).toContain(MISSING);
  });

  it("refuses invalid values and leaves the product as it was", async () => {
    const error = errorOf(
      await updateProduct(deps, mug.id, { name: "  ", priceCents: -10 }, 1),
      "VALIDATION_FAILED",
    );
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["name", "priceCents"]);
    expect(deps.products.rows.get(mug.id)).toEqual(mug);
  });

  it("refuses an unknown category", async () => {
    expect(
      errorOf(await updateProduct(deps, mug.id, { categorySlug: "toys" }, 1), "UNKNOWN_CATEGORY")
        .categorySlug,
    ).toBe("toys");
    expect(deps.products.rows.get(mug.id)?.categorySlug).toBe("kitchen");
  });

  it("refuses to edit an archived product", async () => {
    const old = aProduct({ status: "archived" });
    await deps.products.insert(old);
    errorOf(await updateProduct(deps, old.id, { name: "Revived" }, 1), "PRODUCT_ARCHIVED");
    expect(deps.products.rows.get(old.id)?.name).toBe(old.name);
  });

  it("never changes stock (stock only moves by delta)", async () => {
    // A stale copy of the product must not overwrite stock moved in the meantime.
    await deps.products.moveStock(mug.id, -2, deps.clock.now());
    // The stock move made the product version 2: an edit made from version 2 saves.
    valueOf(await updateProduct(deps, mug.id, { priceCents: 999 }, 2));
    expect(deps.products.rows.get(mug.id)?.stock).toBe(5);
  });
});

describe("updateProduct racing an archive", () => {
  it("answers PRODUCT_ARCHIVED and keeps the product archived", async () => {
    const deps = memoryDeps();
    const mug = valueOf(
      await createProduct(deps, {
        name: "Mug",
        description: "",
        categorySlug: "kitchen",
        priceCents: 100,
        stock: 1,
      }),
    );
    // The archive lands between the edit's read and its write.
    const realUpdate = deps.products.update.bind(deps.products);
    deps.products.update = async (p, v) => {
      await deps.products.archive(mug.id, deps.clock.now());
      return realUpdate(p, v);
    };
    errorOf(await updateProduct(deps, mug.id, { name: "Renamed" }, 1), "PRODUCT_ARCHIVED");
    expect(await deps.products.findById(mug.id)).toMatchObject({ status: "archived", name: "Mug" });
  });
});

describe("updateProduct from a stale copy", () => {
  const draft = {
    name: "Mug",
    description: "",
    categorySlug: "kitchen",
    priceCents: 100,
    stock: 1,
  };

  it("refuses a save made from an older version with STALE_PRODUCT and keeps the other change", async () => {
    const deps = memoryDeps();
    const mug = valueOf(await createProduct(deps, draft));
    // Two admins load version 1; the first saves.
    expect(valueOf(await updateProduct(deps, mug.id, { name: "First" }, 1)).version).toBe(2);
    const error = errorOf(
      await updateProduct(deps, mug.id, { name: "Second" }, 1),
      "STALE_PRODUCT",
    );
    expect(error.message).toBe(
      "This product was changed by someone else; reload to see the changes",
    );
    expect(deps.products.rows.get(mug.id)).toMatchObject({ name: "First", version: 2 });
  });

  it("refuses it when the change lands between the use case's read and its write (the store decides)", async () => {
    const deps = memoryDeps();
    const mug = valueOf(await createProduct(deps, draft));
    const realUpdate = deps.products.update.bind(deps.products);
    deps.products.update = async (p, v) => {
      await deps.products.moveStock(mug.id, 1, deps.clock.now());
      return realUpdate(p, v);
    };
    errorOf(await updateProduct(deps, mug.id, { name: "Renamed" }, 1), "STALE_PRODUCT");
    expect(deps.products.rows.get(mug.id)).toMatchObject({ name: "Mug", stock: 2, version: 2 });
  });

  it("publishes one event per change, each with the new version", async () => {
    const deps = memoryDeps();
    const mug = valueOf(await createProduct(deps, draft));
    await updateProduct(deps, mug.id, { priceCents: 200 }, 1);
    await deps.products.moveStock(mug.id, -1, deps.clock.now());
    await deps.products.archive(mug.id, deps.clock.now(), 3);
    expect(deps.products.events.map((e) => [e.type, e.state.version])).toEqual([
      ["product.created", 1],
      ["product.updated", 2],
      ["product.stock-changed", 3],
      ["product.archived", 4],
    ]);
  });
});
