import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    ["/admin", "/admin"],
    ["/products?q=mug", "/products?q=mug"],
    ["/products/mug#reviews", "/products/mug#reviews"],
    ["/a/./b/../c", "/a/c"],
    ["/%2e%2e/admin", "/admin"],
  ])("keeps %j as %j", (value, kept) => expect(safeNext(value)).toBe(kept));

  it("takes the first of repeated values", () =>
    expect(safeNext(["/products?q=mug", "/x"])).toBe("/products?q=mug"));

  it.each([
    "https://evil.example",
    "http:evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\u007f/evil.example",
    // Resolve to a protocol-relative "//evil.example" after dot segments collapse.
    "/.//evil.example/phish",
    "/./\\evil.example",
    "/%2e//evil.example",
    "/%2e%2e//evil.example",
    "/%2E%2E//evil.example",
    "/a/..//evil.example",
    "/a/b/../..//evil.example",
    "/.%2e//evil.example",
    // Decode to one.
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5C%5Cevil.example",
    "/%5c/evil.example",
    "javascript:alert(1)",
    "",
  ])("refuses %j", (value) => expect(safeNext(value)).toBe("/account"));

  it("falls back when absent", () => expect(safeNext(undefined, "/")).toBe("/"));
});
