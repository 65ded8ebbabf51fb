import { describe, expect, it } from "vitest";
import { catalogQueryInput, MAX_LISTING_PAGE as CONTRACT_MAX_PAGE } from "@shop/contracts";
import { MAX_LISTING_PAGE } from "../../../domain/listing";

describe("the deepest listing page", () => {
  it("is the same in the contract and in the domain", () => {
    expect(CONTRACT_MAX_PAGE).toBe(MAX_LISTING_PAGE);
  });

  it("is the last page the API accepts", () => {
    expect(catalogQueryInput.safeParse({ page: MAX_LISTING_PAGE }).success).toBe(true);
    expect(catalogQueryInput.safeParse({ page: MAX_LISTING_PAGE + 1 }).success).toBe(false);
  });
});
