import { describe, expect, it } from "vitest";
import { productCount } from "./product-count";

describe("productCount", () => {
  it("says how many match, and that there are more past the last page", () => {
    expect(productCount({ total: 0, totalCapped: false })).toBe("0 products");
    expect(productCount({ total: 1, totalCapped: false })).toBe("1 product");
    expect(productCount({ total: 600, totalCapped: true })).toBe("600+ products");
    expect(productCount({ total: 1200, totalCapped: false })).toBe("1,200 products");
  });
});
