import { describe, expect, it } from "vitest";
import { rewriteListingUrl } from "./listing-rewrite";

describe("rewriteListingUrl", () => {
  it("sends every listing state to its canonical page: browsing to /browse, searches to /search", () => {
    expect(rewriteListingUrl("/products?sort=price_asc&category=audio")).toBe(
      "/browse/category%3Daudio%26sort%3Dprice_asc",
    );
    expect(rewriteListingUrl("/products?q=lamp")).toBe("/search/q%3Dlamp");
    expect(rewriteListingUrl("/products?category=audio&q=lamp&max=20")).toBe(
      "/search/q%3Dlamp%26category%3Daudio%26max%3D20",
    );
    expect(rewriteListingUrl("/products?sort=popular")).toBe("/browse/sort%3Dpopular");
    expect(rewriteListingUrl("/products?q=mug%00")).toBe("/search/q%3Dmug");
    expect(rewriteListingUrl("/products?q=%20%20")).toBe("/browse/all"); // blank: no search
    expect(rewriteListingUrl("/products?page=1")).toBe("/browse/all");
  });

  it("keeps parameters that are not the listing's", () => {
    expect(rewriteListingUrl("/products?page=2&_rsc=abc")).toBe("/browse/page%3D2?_rsc=abc");
  });

  it("leaves every other URL alone", () => {
    for (const url of ["/products", "/products?_rsc=abc", "/products/lamp?q=x", "/?q=x"])
      expect(rewriteListingUrl(url)).toBe(url);
  });
});
