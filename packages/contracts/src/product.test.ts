import { describe, expect, it } from "vitest";
import {
  adjustStockInput,
  catalogQueryInput,
  createProductInput,
  listProductsInput,
} from "./product";
import { formatMoney } from "./money";

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("createProductInput", () => {
  const valid = { name: "Mug", categorySlug: "coffee-tea", priceCents: 1299 };

  it("accepts a minimal product and fills defaults", () => {
    expect(createProductInput.parse(valid)).toMatchObject({ ...valid, description: "", stock: 0 });
  });

  it.each([
    [{ name: "  " }, "name"],
    [{ priceCents: -1 }, "priceCents"],
    [{ priceCents: 12.5 }, "priceCents"],
    [{ stock: -3 }, "stock"],
    [{ slug: "Not A Slug" }, "slug"],
    [{ image: "https://example.com/x.png" }, "image"],
  ])("refuses %j on the field %s", (change, field) => {
    const result = createProductInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(fieldsOf(result)).toEqual([field]);
  });

  it("says a negative price is negative", () => {
    const result = createProductInput.safeParse({ ...valid, priceCents: -500 });
    expect(result.error?.issues[0]?.message).toBe("Price cannot be negative");
  });
});

describe("listing queries", () => {
  it("defaults to the newest active products, 12 a page", () => {
    expect(listProductsInput.parse({})).toEqual({
      sort: "newest",
      page: 1,
      pageSize: 12,
      status: "active",
    });
  });

  it("refuses a price range whose maximum is below its minimum", () => {
    const result = catalogQueryInput.safeParse({ minPriceCents: 5000, maxPriceCents: 1000 });
    expect(fieldsOf(result)).toEqual(["maxPriceCents"]);
  });

  it("does not let a shopper's query choose the product status", () => {
    expect(catalogQueryInput.parse({ status: "archived" })).not.toHaveProperty("status");
  });

  it("caps the page size", () => {
    expect(catalogQueryInput.safeParse({ pageSize: 500 }).success).toBe(false);
  });
});

describe("adjustStockInput", () => {
  it("refuses a zero or fractional change", () => {
    const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    expect(adjustStockInput.safeParse({ id, delta: 0 }).success).toBe(false);
    expect(adjustStockInput.safeParse({ id, delta: 1.5 }).success).toBe(false);
    expect(adjustStockInput.parse({ id, delta: -4 })).toEqual({ id, delta: -4 });
  });
});

describe("formatMoney", () => {
  it("formats cents as US dollars", () => {
    expect(formatMoney(123456)).toBe("$1,234.56");
    expect(formatMoney(0)).toBe("$0.00");
  });
});
