import { describe, expect, it } from "vitest";
import {
  browseSegment,
  deepPageRedirect,
  listingHref,
  listingSearch,
  pageWindow,
  parseListing,
  stateFromSegment,
  toCatalogQuery,
} from "./listing";

describe("listing state in the URL", () => {
  it("reads a shared link", () => {
    const state = parseListing(
      new URLSearchParams("q=lamp&category=lighting&sort=price_desc&page=2&min=10&max=90"),
    );
    expect(state).toEqual({
      q: "lamp",
      category: "lighting",
      sort: "price_desc",
      page: 2,
      min: 10,
      max: 90,
    });
  });

  it("shows a sensible page for a hand-edited link", () => {
    const state = parseListing({
      sort: "cheapest",
      page: "-3",
      category: "Not A Slug",
      min: "abc",
      max: "5",
    });
    expect(state).toEqual({ sort: "newest", page: 1, max: 5 });
  });

  it("reads and writes the popular sort as a shareable link", () => {
    const state = parseListing(new URLSearchParams("category=audio&sort=popular&page=2"));
    expect(state).toEqual({ category: "audio", sort: "popular", page: 2 });
    expect(listingHref(state)).toBe("/products?category=audio&sort=popular");
    expect(toCatalogQuery(state)).toMatchObject({ sort: "popular", page: 2 });
    expect(stateFromSegment(browseSegment(state))).toEqual(state);
  });

  it("puts swapped price bounds in order", () => {
    expect(parseListing({ min: "90", max: "10" })).toMatchObject({ min: 10, max: 90 });
  });

  it("writes one canonical query string per view, defaults left out", () => {
    const a = parseListing(new URLSearchParams("page=1&sort=newest&category=audio"));
    const b = parseListing(new URLSearchParams("category=audio"));
    expect(listingSearch(a)).toBe("category=audio");
    expect(listingSearch(a)).toBe(listingSearch(b));
  });

  it("resets to the first page when a filter changes", () => {
    const state = parseListing({ category: "audio", page: "3" });
    expect(listingHref(state, { sort: "price_asc" })).toBe(
      "/products?category=audio&sort=price_asc",
    );
    expect(listingHref(state, { page: 4 })).toBe("/products?category=audio&page=4");
    expect(listingHref(state, { category: undefined })).toBe("/products");
  });

  it("round-trips a browse state through its cached path segment", () => {
    const state = parseListing({ category: "bags", sort: "name", page: "2" });
    expect(stateFromSegment(browseSegment(state))).toEqual(state);
    expect(browseSegment(parseListing({}))).toBe("all");
    expect(stateFromSegment("all")).toEqual({ sort: "newest", page: 1 });
  });

  it("asks the catalog in cents", () => {
    expect(toCatalogQuery(parseListing({ min: "12", max: "30" }))).toMatchObject({
      minPriceCents: 1200,
      maxPriceCents: 3000,
    });
  });

  it("drops from a search what cannot be stored, and never cuts an emoji in half", () => {
    expect(parseListing({ q: "mu\u0000g" }).q).toBe("mug");
    expect(parseListing({ q: "\uD83D" }).q).toBeUndefined();
    const long = `${"a".repeat(99)}😀`; // the emoji's second half is the 101st unit
    expect(parseListing({ q: long }).q).toBe("a".repeat(99));
  });
});

describe("deep pages", () => {
  it("links the first, the last and two either side of the current page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(1, 50)).toEqual([1, 2, 3, null, 50]);
    expect(pageWindow(25, 50)).toEqual([1, null, 23, 24, 25, 26, 27, null, 50]);
    expect(pageWindow(50, 50)).toEqual([1, null, 48, 49, 50]);
    expect(pageWindow(4, 50)).toEqual([1, 2, 3, 4, 5, 6, null, 50]);
  });

  it("sends an old link past the last listing page to that listing's last page", () => {
    expect(deepPageRedirect("/products?category=audio&page=9000&sort=name")).toBe(
      "/products?category=audio&sort=name&page=50",
    );
    expect(deepPageRedirect("/products?page=51")).toBe("/products?page=50");
  });

  it("leaves every other URL alone", () => {
    for (const url of [
      "/products?page=50",
      "/products?page=2",
      "/products?page=x",
      "/products",
      "/?page=900",
    ])
      expect(deepPageRedirect(url)).toBeUndefined();
  });
});
