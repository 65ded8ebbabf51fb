import { describe, expect, it } from "vitest";
import { discountFor, formatMoney, type Discount } from "./money";

const fixed = (amountOffCents: number): Discount => ({ kind: "fixed", amountOffCents });
const percent = (percentOff: number, maxDiscountCents: number): Discount => ({
  kind: "percent",
  percentOff,
  maxDiscountCents,
});

describe("discountFor", () => {
  it("takes a fixed amount off", () => {
    expect(discountFor(fixed(500), 4_500)).toBe(500);
  });

  it("takes a percentage off, rounded down to the cent", () => {
    expect(discountFor(percent(10, 10_000), 4_500)).toBe(450);
    expect(discountFor(percent(15, 10_000), 999)).toBe(149); // 149.85
    expect(discountFor(percent(33, 10_000), 1)).toBe(0); // 0.33 of a cent is nothing
  });

  it("holds a percentage to its cap", () => {
    expect(discountFor(percent(50, 2_000), 10_000)).toBe(2_000);
    expect(discountFor(percent(50, 2_000), 3_999)).toBe(1_999);
  });

  it("never takes more than the order's amount", () => {
    expect(discountFor(fixed(500), 300)).toBe(300);
    expect(discountFor(percent(100, 1_000_000), 12_345)).toBe(12_345);
    expect(discountFor(fixed(500), 0)).toBe(0);
  });

  it("stays exact for the largest orders", () => {
    expect(discountFor(percent(99, 100_000_000), 1_000_000_000_000)).toBe(100_000_000);
    expect(discountFor(percent(7, Number.MAX_SAFE_INTEGER), 1_000_000_000_000)).toBe(
      70_000_000_000,
    );
  });
});

describe("formatMoney", () => {
  it("writes cents as dollars with grouping and two decimals", () => {
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(5)).toBe("$0.05");
    expect(formatMoney(123_456)).toBe("$1,234.56");
    expect(formatMoney(-500)).toBe("-$5.00");
  });
});
