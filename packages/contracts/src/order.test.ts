import { describe, expect, it } from "vitest";
import {
  decodeOrderCursor,
  encodeOrderCursor,
  listMyOrdersInput,
  listOrdersInput,
  NOT_A_CURSOR,
} from "./order";

const ID = "9f0e6a8e-3f9d-4d1c-8f0a-1c2b3d4e5f60";
const AT = new Date("2026-12-01T12:00:00.123Z");
const CURSOR = encodeOrderCursor({ placedAt: AT, id: ID });
/** Text as a cursor spells it, valid or not: each case below is refused for what it says. */
const b64 = (text: string) =>
  btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** The messages a parse gave, by field. */
const errorsOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("order cursors", () => {
  it("spell the test's invalid cases as a valid cursor would be spelled", () => {
    expect(b64(`${AT.toISOString()}_${ID}`)).toBe(CURSOR);
  });

  it("round-trip a position, to the millisecond, as URL-safe text", () => {
    expect(CURSOR).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(CURSOR).toHaveLength(82);
    expect(decodeOrderCursor(CURSOR)).toEqual({ placedAt: AT, id: ID });
  });

  it("keep the id's order within one millisecond (the tie they exist for)", () => {
    const other = "00000000-0000-4000-8000-000000000001";
    expect(decodeOrderCursor(encodeOrderCursor({ placedAt: AT, id: other }))?.id).toBe(other);
    expect(encodeOrderCursor({ placedAt: AT, id: other })).not.toBe(CURSOR);
  });

  it.each([
    ["empty", ""],
    ["an ISO time (the old `before`)", AT.toISOString()],
    ["a uuid", ID],
    ["not base64url", "a+b/c=="],
    ["one character short", CURSOR.slice(0, -1)],
    ["with padding", `${CURSOR}==`],
    [
      "an uppercase id (not the canonical spelling)",
      b64(`2026-12-01T12:00:00.000Z_${ID.toUpperCase()}`),
    ],
    ["far too long", "A".repeat(10_000)],
    ["base64url of other text", b64("hello world")],
    ["a time without milliseconds", b64(`2026-12-01T12:00:00Z_${ID}`)],
    ["an impossible date", b64(`2026-02-31T12:00:00.000Z_${ID}`)],
    ["an id that is not a uuid", b64(`2026-12-01T12:00:00.000Z_${"x".repeat(36)}`)],
    ["something after the id", b64(`2026-12-01T12:00:00.000Z_${ID}_1`)],
  ])("refuse %s", (_, cursor) => {
    expect(decodeOrderCursor(cursor)).toBeNull();
    expect(errorsOf(listMyOrdersInput.safeParse({ cursor }))).toEqual([["cursor", NOT_A_CURSOR]]);
  });
});

describe("listMyOrdersInput and listOrdersInput", () => {
  it("take a cursor, or none for the newest page", () => {
    expect(listMyOrdersInput.parse({})).toEqual({ limit: 20 });
    expect(listMyOrdersInput.parse({ cursor: CURSOR, limit: 5 })).toEqual({
      cursor: CURSOR,
      limit: 5,
    });
    expect(listOrdersInput.parse({ state: "PAID", cursor: CURSOR })).toEqual({
      state: "PAID",
      cursor: CURSOR,
      limit: 20,
    });
  });

  it("refuse a cursor that is not text, not as an internal error", () => {
    for (const cursor of [42, null, { placedAt: AT.toISOString(), id: ID }])
      expect(errorsOf(listOrdersInput.safeParse({ cursor }))).toEqual([["cursor", NOT_A_CURSOR]]);
  });

  it("refuse the old placedAt `before`, which cannot tell tied orders apart", () => {
    const result = listMyOrdersInput.safeParse({ before: AT.toISOString() });
    expect(errorsOf(result)).toEqual([
      ["before", "Not supported any more: pass the previous page's nextCursor as cursor"],
    ]);
    expect(errorsOf(listOrdersInput.safeParse({ before: AT.toISOString() }))).toHaveLength(1);
  });

  it("bound the page size", () => {
    expect(listOrdersInput.safeParse({ limit: 0 }).success).toBe(false);
    expect(listOrdersInput.safeParse({ limit: 101 }).success).toBe(false);
    expect(listOrdersInput.safeParse({ limit: 100 }).success).toBe(true);
  });
});
