import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps a path on this site", () => {
    expect(safeNext("/admin")).toBe("/admin");
    expect(safeNext(["/products?q=mug", "/x"])).toBe("/products?q=mug");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "",
  ])("refuses %j", (value) => expect(safeNext(value)).toBe("/account"));
  it("falls back when absent", () => expect(safeNext(undefined, "/")).toBe("/"));
});
