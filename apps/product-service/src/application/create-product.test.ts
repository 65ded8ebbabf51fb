import { beforeEach, describe, expect, it } from "vitest";
import { createProduct } from "./create-product";
import type { ProductDraft } from "../domain/product";
import { memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

const draft = (overrides: Partial<ProductDraft> = {}): ProductDraft => ({
  name: "Walnut Pour-Over Stand",
  description: "Holds a dripper.",
  categorySlug: "kitchen",
  priceCents: 4_500,
  stock: 2,
  ...overrides,
});

describe("createProduct", () => {
  let deps: MemoryDeps;
  beforeEach(() => {
    deps = memoryDeps();
  });

  it("stores the product with a slug derived from the name and returns it with its category", async () => {
    const created = valueOf(await createProduct(deps, draft()));
    expect(created).toMatchObject({
      id: "00000000-0000-4000-8000-000000000001",
      slug: "walnut-pour-over-stand",
      name: "Walnut Pour-Over Stand",
      categorySlug: "kitchen",
      categoryName: "Kitchen",
      priceCents: 4_500,
      stock: 2,
      status: "active",
      createdAt: T0,
      updatedAt: T0,
    });
    expect(deps.products.rows.get(created.id)?.slug).toBe("walnut-pour-over-stand");
  });

  it("uses an explicit slug as given", async () => {
    const created = valueOf(await createProduct(deps, draft({ slug: "stand-2026" })));
    expect(created.slug).toBe("stand-2026");
  });

  it("refuses an unknown category and stores nothing", async () => {
    const error = errorOf(
      await createProduct(deps, draft({ categorySlug: "toys" })),
      "UNKNOWN_CATEGORY",
    );
    expect(error.categorySlug).toBe("toys");
    expect(deps.products.rows.size).toBe(0);
  });

  it("refuses a slug another product has, explicit or derived", async () => {
    valueOf(await createProduct(deps, draft({ name: "Mug", slug: "mug" })));
    expect(
      errorOf(await createProduct(deps, draft({ name: "Other", slug: "mug" })), "SLUG_TAKEN").slug,
    ).toBe("mug");
    expect(errorOf(await createProduct(deps, draft({ name: "  MUG  " })), "SLUG_TAKEN").slug).toBe(
      "mug",
    );
    expect(deps.products.rows.size).toBe(1);
  });

  it("validates before looking anything up", async () => {
    const error = errorOf(
      await createProduct(deps, draft({ name: " ", priceCents: -1, categorySlug: "toys" })),
      "VALIDATION_FAILED",
    );
    expect(Object.keys(error.fieldErrors)).toEqual(expect.arrayContaining(["name", "priceCents"]));
    expect(deps.products.rows.size).toBe(0);
  });

  it("gives every product a new id", async () => {
    const a = valueOf(await createProduct(deps, draft({ name: "A" })));
    const b = valueOf(await createProduct(deps, draft({ name: "B" })));
    expect(a.id).not.toBe(b.id);
    expect(deps.products.rows.size).toBe(2);
  });
});
