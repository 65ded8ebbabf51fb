import { describe, expect, it } from "vitest";
import { err, notFound, ok, validationFailed, type Result } from "./index";

describe("Result", () => {
  it("is a value on success and an error on failure, told apart by ok", () => {
    const results: Result<number, { code: string }>[] = [ok(1), err({ code: "NOPE" })];
    expect(results.map((r) => (r.ok ? r.value : r.error.code))).toEqual([1, "NOPE"]);
  });

  it("builds the common errors", () => {
    expect(notFound("No product x")).toEqual({ code: "NOT_FOUND", message: "No product x" });
    expect(validationFailed({ name: ["Required"] })).toEqual({
      code: "VALIDATION_FAILED",
      fieldErrors: { name: ["Required"] },
    });
  });
});
