import { describe, expect, it } from "vitest";
import { config } from "./proxy";
import { listingSearch, parseListing } from "./lib/listing";

describe("which /products requests the proxy sees", () => {
  it("every parameter a listing URL can carry, and only those", () => {
    const full = parseListing({
      q: "mug",
      category: "audio",
      sort: "name",
      page: "2",
      min: "1",
      max: "9",
    });
    const urlKeys = [...new URLSearchParams(listingSearch(full)).keys()].sort();
    const matcherKeys = config.matcher.flatMap((m) => m.has.map((h) => h.key)).sort();
    expect(matcherKeys).toEqual(urlKeys);
    expect(config.matcher.every((m) => m.source === "/products")).toBe(true);
  });
});
