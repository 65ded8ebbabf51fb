import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  discountSchema,
  MAX_ORDER_AMOUNT_CENTS,
  MAX_PRICE_CENTS,
  type Discount,
} from "@shop/contracts";
// A test may read the other app's domain; the web app's code may not (eslint.config.js).
import { discountFor as original } from "../../../coupon-service/src/domain/discount";
import { discountFor } from "./discount";

/** Every discount a campaign can hold (discountSchema's bounds), small values more often. */
const cents = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: MAX_PRICE_CENTS }),
  fc.constantFrom(1, 99, 100, 101, MAX_PRICE_CENTS),
);
const discount: fc.Arbitrary<Discount> = fc.oneof(
  cents.map((amountOffCents) => ({ kind: "fixed" as const, amountOffCents })),
  fc.record({
    kind: fc.constant("percent" as const),
    percentOff: fc.integer({ min: 1, max: 100 }),
    maxDiscountCents: cents,
  }),
);
/** Order amounts a cart can reach, with the edges (0, just around a coupon's size, the maximum). */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }),
  fc.integer({ min: 0, max: MAX_ORDER_AMOUNT_CENTS }),
  fc.constantFrom(0, 1, 99, 100, 101, 999, 1_000, 1_001, MAX_ORDER_AMOUNT_CENTS),
);

describe("discountFor (the checkout page's copy of coupon-service's rule)", () => {
  it("gives the same discount as coupon-service for every coupon and order amount", () => {
    fc.assert(
      fc.property(discount, amount, (d, cents) => discountFor(d, cents) === original(d, cents)),
      { numRuns: 20_000 },
    );
  });

  it("generates only discounts a campaign can hold", () => {
    fc.assert(fc.property(discount, (d) => discountSchema.safeParse(d).success));
  });

  it("agrees on amounts below zero too (the original treats them as 0)", () => {
    fc.assert(
      fc.property(
        discount,
        fc.integer({ min: -1_000_000, max: -1 }),
        (d, cents) => discountFor(d, cents) === original(d, cents),
      ),
    );
  });

  it("takes what the checkout page says it takes", () => {
    const tenPercent: Discount = { kind: "percent", percentOff: 10, maxDiscountCents: 500 };
    expect(discountFor(tenPercent, 4_999)).toBe(499); // rounds down to the cent
    expect(discountFor(tenPercent, 9_000)).toBe(500); // held to the cap
    expect(discountFor({ kind: "fixed", amountOffCents: 500 }, 300)).toBe(300); // never above the order
  });
});
