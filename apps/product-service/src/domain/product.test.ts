import { describe, expect, it } from "vitest";
import {
  archiveProduct,
  canMoveStock,
  changeProduct,
  createProduct,
  slugify,
  type ProductDraft,
} from "./product";
import type { ProductError } from "./errors";
import type { Result } from "@shop/kernel";
import { aProduct, T0 } from "../test/fixtures";

const ID = "00000000-0000-4000-8000-000000000001";
const LATER = new Date(T0.getTime() + 3_600_000);

const draft = (overrides: Partial<ProductDraft> = {}): ProductDraft => ({
  name: "Walnut Pour-Over Stand",
  description: "Holds a dripper over a cup.",
  categorySlug: "kitchen",
  priceCents: 4_500,
  stock: 3,
  ...overrides,
});

/** The field errors of a failed result (fails the test if the result is not a validation error). */
function fieldErrorsOf<T>(result: Result<T, ProductError>): Record<string, string[]> {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("expected a failure");
  expect(result.error.code).toBe("VALIDATION_FAILED");
  if (result.error.code !== "VALIDATION_FAILED") throw new Error(`expected VALIDATION_FAILED`);
  return result.error.fieldErrors;
}

describe("slugify", () => {
  it.each([
    ["Walnut Pour-Over Stand", "walnut-pour-over-stand"],
    ["  Leading and trailing  ", "leading-and-trailing"],
    ["Crème Brûlée Torch", "creme-brulee-torch"],
    ["50% off -- today!!", "50-off-today"],
    ["UPPER lower 123", "upper-lower-123"],
    ["***", ""],
  ])("%j -> %j", (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it("keeps at most 120 characters and never ends on a dash", () => {
    const slug = slugify(`${"a".repeat(119)} b`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug).toBe("a".repeat(119));
    expect(slugify("x".repeat(300))).toHaveLength(120);
  });
});

describe("createProduct", () => {
  it("makes an active product with a derived slug, trimmed text and the given time", () => {
    const made = createProduct(
      draft({ name: "  Walnut Pour-Over Stand ", description: " nice " }),
      ID,
      T0,
    );
    expect(made).toEqual({
      ok: true,
      value: {
        id: ID,
        slug: "walnut-pour-over-stand",
        name: "Walnut Pour-Over Stand",
        description: "nice",
        categorySlug: "kitchen",
        priceCents: 4_500,
        stock: 3,
        image: null,
        status: "active",
        createdAt: T0,
        updatedAt: T0,
        version: 1,
      },
    });
  });

  it("keeps an explicit slug and image", () => {
    const made = createProduct(draft({ slug: "stand", image: "/images/stand.svg" }), ID, T0);
    expect(made.ok && made.value.slug).toBe("stand");
    expect(made.ok && made.value.image).toBe("/images/stand.svg");
  });

  it.each(["", "   ", "\t\n"])("requires a name (%j)", (name) => {
    expect(fieldErrorsOf(createProduct(draft({ name }), ID, T0))).toHaveProperty("name");
  });

  it("requires a slug when none can be derived from the name", () => {
    const errors = fieldErrorsOf(createProduct(draft({ name: "!!!" }), ID, T0));
    expect(Object.keys(errors)).toEqual(["slug"]);
  });

  it.each([-1, -0.5, 10.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses price %s",
    (priceCents) => {
      expect(Object.keys(fieldErrorsOf(createProduct(draft({ priceCents }), ID, T0)))).toEqual([
        "priceCents",
      ]);
    },
  );

  it("accepts a price of 0 and a stock of 0", () => {
    const made = createProduct(draft({ priceCents: 0, stock: 0 }), ID, T0);
    expect(made.ok).toBe(true);
  });

  it.each([-1, 1.5])("refuses stock %s", (stock) => {
    expect(Object.keys(fieldErrorsOf(createProduct(draft({ stock }), ID, T0)))).toEqual(["stock"]);
  });

  it("reports every invalid field at once", () => {
    const errors = fieldErrorsOf(
      createProduct(draft({ name: " ", priceCents: -5, stock: -1 }), ID, T0),
    );
    expect(Object.keys(errors).sort()).toEqual(["name", "priceCents", "slug", "stock"]);
  });
});

describe("changeProduct", () => {
  it("applies the changes, trims the name and moves updatedAt", () => {
    const product = aProduct({ name: "Old", priceCents: 100 });
    const changed = changeProduct(product, { name: "  New name ", priceCents: 250 }, LATER);
    expect(changed).toEqual({
      ok: true,
      value: { ...product, name: "New name", priceCents: 250, updatedAt: LATER },
    });
  });

  it("refuses to edit an archived product", () => {
    const product = aProduct({ status: "archived" });
    const changed = changeProduct(product, { name: "Renamed" }, LATER);
    expect(changed.ok).toBe(false);
    expect(!changed.ok && changed.error.code).toBe("PRODUCT_ARCHIVED");
  });

  it("validates only what changes", () => {
    const product = aProduct();
    expect(changeProduct(product, { description: "anything" }, LATER).ok).toBe(true);
    expect(fieldErrorsOf(changeProduct(product, { name: "   " }, LATER))).toHaveProperty("name");
    expect(fieldErrorsOf(changeProduct(product, { slug: "" }, LATER))).toHaveProperty("slug");
    expect(fieldErrorsOf(changeProduct(product, { priceCents: -1 }, LATER))).toHaveProperty(
      "priceCents",
    );
    expect(fieldErrorsOf(changeProduct(product, { priceCents: 9.99 }, LATER))).toHaveProperty(
      "priceCents",
    );
  });

  it("does not touch the original product", () => {
    const product = aProduct({ name: "Same" });
    const snapshot = structuredClone(product);
    changeProduct(product, { name: "Other" }, LATER);
    expect(product).toEqual(snapshot);
  });
});

describe("archiveProduct", () => {
  it("archives an active product and moves updatedAt", () => {
    const product = aProduct();
    expect(archiveProduct(product, LATER)).toEqual({
      ...product,
      status: "archived",
      updatedAt: LATER,
    });
  });

  it("is idempotent: an archived product comes back unchanged, the very same object", () => {
    const archived = archiveProduct(aProduct(), LATER);
    const again = archiveProduct(archived, new Date(LATER.getTime() + 1_000));
    expect(again).toBe(archived);
    expect(again.updatedAt).toEqual(LATER);
  });
});

describe("canMoveStock", () => {
  it.each([
    [10, -10, true],
    [10, -11, false],
    [0, 5, true],
    [0, -1, false],
    [3, 0, true],
    [3, -0.5, false],
    [3, 1.5, false],
    [999_999, 1, true],
    [999_999, 2, false],
  ])("stock %i, delta %s -> %s", (stock, delta, expected) => {
    expect(canMoveStock(stock, delta)).toBe(expected);
  });
});
