import { describe, expect, it } from "vitest";
import type { Product } from "@shop/contracts";
import { checkCreate, checkUpdate, emptyValues, valuesOf } from "./product-form-model";

const filled = {
  ...emptyValues,
  name: " Stoneware Mug ",
  category: "kitchen",
  price: "12.99",
  stock: "5",
};

const mug: Product = {
  id: "0b5c7a3e-8f5e-4a57-9d8e-3f1c2b4a5d6e",
  slug: "stoneware-mug",
  name: "Stoneware Mug",
  description: "",
  category: { slug: "kitchen", name: "Kitchen" },
  priceCents: 1299,
  stock: 5,
  image: null,
  status: "active",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 3,
};

describe("checkCreate", () => {
  it("builds the contract's input: cents, trimmed name, no empty slug or image", () => {
    expect(checkCreate(filled)).toEqual({
      ok: true,
      input: {
        name: "Stoneware Mug",
        description: "",
        categorySlug: "kitchen",
        priceCents: 1299,
        stock: 5,
        image: null,
      },
    });
  });

  it("reports errors under the contract's field names", () => {
    const checked = checkCreate({
      ...emptyValues,
      price: "-5",
      slug: "Bad Slug",
      stock: "-1",
      image: "http://x",
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.fieldErrors.priceCents).toEqual(["Price cannot be negative"]);
    expect(checked.fieldErrors.categorySlug).toEqual(["Choose a category"]);
    expect(Object.keys(checked.fieldErrors).sort()).toEqual([
      "categorySlug",
      "image",
      "name",
      "priceCents",
      "slug",
      "stock",
    ]);
  });
});

describe("checkUpdate", () => {
  it("sends only what changed", () => {
    expect(checkUpdate(mug, valuesOf(mug))).toEqual({
      ok: true,
      input: { id: mug.id, expectedVersion: 3 },
    });
    expect(
      checkUpdate(mug, { ...valuesOf(mug), price: "14.5", image: "/images/products/mug.svg" }),
    ).toEqual({
      ok: true,
      input: {
        id: mug.id,
        expectedVersion: 3,
        priceCents: 1450,
        image: "/images/products/mug.svg",
      },
    });
  });
});
