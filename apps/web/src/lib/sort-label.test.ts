import { describe, expect, it } from "vitest";
import { sortLabel } from "./sort-label";

describe("sortLabel", () => {
  const newest = { value: "newest", label: "Newest first" };
  it("reads Best match for the newest order of a search, and its own label otherwise", () => {
    expect(sortLabel(newest, "lamp")).toBe("Best match");
    expect(sortLabel(newest, "")).toBe("Newest first");
    expect(sortLabel(newest, undefined)).toBe("Newest first");
    expect(sortLabel({ value: "name", label: "Name" }, "lamp")).toBe("Name");
  });
});
