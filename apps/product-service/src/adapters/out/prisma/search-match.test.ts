import { describe, expect, it } from "vitest";
import { fallbackOf, searchMatchOf } from "./search-match";

describe("searchMatchOf", () => {
  it("makes words a prefix word search, every word required", () => {
    expect(searchMatchOf("Walnut  lamps")).toEqual({
      kind: "words",
      tsquery: "Walnut:* & lamps:*",
      text: "Walnut  lamps",
    });
    expect(searchMatchOf("pour-over")).toMatchObject({ tsquery: "pour:* & over:*" });
    expect(searchMatchOf("café 2")).toMatchObject({ tsquery: "café:* & 2:*" });
  });

  it("searches any other text literally, LIKE's wildcards escaped", () => {
    expect(searchMatchOf("100%")).toEqual({
      kind: "text",
      pattern: "%100\\%%",
      text: "100%",
      typos: false,
    });
    expect(searchMatchOf("a_b")).toMatchObject({ kind: "text", pattern: "%a\\_b%" });
    expect(searchMatchOf("a\\b")).toMatchObject({ kind: "text", pattern: "%a\\\\b%" });
    // tsquery's own operators never reach it.
    expect(searchMatchOf("lamp & !oak")).toMatchObject({ kind: "text" });
    expect(searchMatchOf("lamp:*")).toMatchObject({ kind: "text" });
  });

  it("falls back from words to substrings and typos, and from text to nothing", () => {
    expect(fallbackOf(searchMatchOf("ook"))).toEqual({
      kind: "text",
      pattern: "%ook%",
      text: "ook",
      typos: true,
    });
    expect(fallbackOf(searchMatchOf("50%"))).toBeNull();
  });
});
