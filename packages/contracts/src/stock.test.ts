import { describe, expect, it } from "vitest";
import { stockReserve } from "./stock";

const orderId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const a = "0b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c";
const b = "1b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c";

describe("stock.reserve", () => {
  it("accepts distinct products with whole positive quantities", () => {
    const lines = [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 1 },
    ];
    expect(stockReserve.schema.parse({ orderId, lines })).toEqual({ orderId, lines });
  });

  it.each([
    [[], "no line"],
    [[{ productId: a, quantity: 0 }], "quantity 0"],
    [[{ productId: a, quantity: -1 }], "a negative quantity"],
    [[{ productId: a, quantity: 1.5 }], "a fractional quantity"],
    [
      [
        { productId: a, quantity: 1 },
        { productId: a, quantity: 2 },
      ],
      "the same product twice",
    ],
  ])("refuses %j (%s)", (lines) => {
    expect(stockReserve.schema.safeParse({ orderId, lines }).success).toBe(false);
  });
});
