import { describe, expect, it } from "vitest";
import { allocateClaims, type ClaimRequest } from "./claim";

const T = new Date("2026-12-01T12:00:00.000Z");
const campaign = (quantity: number, issued = 0) => ({
  quantity,
  issued,
  validFrom: T,
  validTo: new Date(T.getTime() + 3_600_000),
});
const claim = (userId: string, at = T): ClaimRequest => ({ userId, at });

describe("allocateClaims", () => {
  it("issues in arrival order while coupons remain, then says sold out", () => {
    const verdicts = allocateClaims(
      campaign(3, 1),
      ["a", "b", "c", "d"].map((u) => claim(u)),
      new Set(),
    );
    expect(verdicts.map((v) => v.kind)).toEqual(["issue", "issue", "sold-out", "sold-out"]);
  });

  it("gives a user one coupon: one held before, or one earlier in the same batch", () => {
    const verdicts = allocateClaims(
      campaign(10),
      [claim("a"), claim("b"), claim("a"), claim("c")],
      new Set(["b"]),
    );
    expect(verdicts.map((v) => v.kind)).toEqual([
      "issue",
      "already-claimed",
      "already-claimed",
      "issue",
    ]);
  });

  it("a holder is told 'already claimed' even when the campaign is sold out", () => {
    const verdicts = allocateClaims(campaign(1, 1), [claim("a"), claim("b")], new Set(["a"]));
    expect(verdicts.map((v) => v.kind)).toEqual(["already-claimed", "sold-out"]);
  });

  it("refuses claims outside the window, whatever remains", () => {
    const before = new Date(T.getTime() - 1);
    const end = new Date(T.getTime() + 3_600_000);
    const verdicts = allocateClaims(
      campaign(5),
      [claim("a", before), claim("b", end), claim("c")],
      new Set(),
    );
    expect(verdicts.map((v) => v.kind)).toEqual(["not-started", "ended", "issue"]);
  });

  it("never issues more than the remaining count, whatever the batch holds", () => {
    const users = Array.from({ length: 1_000 }, (_, i) => claim(`u${i}`));
    const verdicts = allocateClaims(campaign(100, 40), users, new Set());
    expect(verdicts.filter((v) => v.kind === "issue")).toHaveLength(60);
    expect(verdicts.slice(0, 60).every((v) => v.kind === "issue")).toBe(true);
  });
});
