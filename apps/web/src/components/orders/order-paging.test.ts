import { describe, expect, it } from "vitest";
import { encodeOrderCursor, listMyOrdersInput, listOrdersInput } from "@shop/contracts";
import { adminOrdersInput } from "../admin/order-filters";
import { myOrdersInput } from "./order-format";

const CURSOR = encodeOrderCursor({
  placedAt: new Date("2026-12-01T12:00:00.000Z"),
  id: "9f0e6a8e-3f9d-4d1c-8f0a-1c2b3d4e5f60",
});

/* The order pages ask for their pages with these: the contract must take them as they are. */
describe("the order pages' inputs", () => {
  it("ask for the newest page without a cursor, then pass each nextCursor back unchanged", () => {
    expect(listMyOrdersInput.parse(myOrdersInput())).toEqual(myOrdersInput());
    expect(listMyOrdersInput.parse(myOrdersInput(CURSOR))).toEqual({ cursor: CURSOR, limit: 10 });
    expect(listOrdersInput.parse(adminOrdersInput(null))).toEqual(adminOrdersInput(null));
    expect(listOrdersInput.parse(adminOrdersInput("CANCELLED", CURSOR))).toEqual({
      state: "CANCELLED",
      cursor: CURSOR,
      limit: 25,
    });
  });
});
