import { describe, expect, it } from "vitest";
import { centsToDollars, dollarsToCents, parseWholeNumber } from "./money-input";

const cents = (input: string) => {
  const parsed = dollarsToCents(input);
  return parsed.ok ? parsed.value : parsed.error;
};

describe("dollarsToCents", () => {
  it("converts dollars to integer cents without float error", () => {
    expect(cents("12.99")).toBe(1299);
    expect(cents("0.29")).toBe(29); // 0.29 * 100 === 28.999999999999996
    expect(cents("1.005")).toBe("Use at most two decimal places (whole cents)");
    expect(cents("19.99")).toBe(1999);
    expect(cents("4.35")).toBe(435); // 4.35 * 100 === 434.99999999999994
  });

  it("accepts the ways people write amounts", () => {
    expect(cents("12")).toBe(1200);
    expect(cents("12.")).toBe(1200);
    expect(cents("12.5")).toBe(1250);
    expect(cents(".5")).toBe(50);
    expect(cents(" $7.00 ")).toBe(700);
    expect(cents("1,299.50")).toBe(129950);
    expect(cents("0")).toBe(0);
    expect(cents("007.10")).toBe(710);
    expect(cents("12.990")).toBe(1299);
  });

  it("refuses negative amounts with the contract's message", () => {
    expect(cents("-5")).toBe("Price cannot be negative");
    expect(cents("-0.01")).toBe("Price cannot be negative");
    expect(cents("$-3")).toBe("Price cannot be negative");
    expect(cents("\u22122.50")).toBe("Price cannot be negative");
    expect(cents("-0")).toBe(0);
  });

  it("refuses empty and malformed input", () => {
    expect(cents("")).toBe("Price is required");
    expect(cents("   ")).toBe("Price is required");
    for (const bad of ["abc", "12,99", "1.2.3", "1e3", ".", "$", "12 99", "0x10", "-"]) {
      expect(dollarsToCents(bad).ok, bad).toBe(false);
    }
    expect(cents("1234567890123")).toBe("Price is too high");
  });
});

describe("centsToDollars", () => {
  it("formats cents as a plain amount for an input", () => {
    expect(centsToDollars(1299)).toBe("12.99");
    expect(centsToDollars(500)).toBe("5.00");
    expect(centsToDollars(7)).toBe("0.07");
    expect(centsToDollars(0)).toBe("0.00");
    expect(centsToDollars(-250)).toBe("-2.50");
  });

  it("round-trips through dollarsToCents", () => {
    for (const value of [0, 1, 29, 99, 100, 435, 1299, 99_999_999]) {
      expect(dollarsToCents(centsToDollars(value))).toEqual({ ok: true, value });
    }
  });
});

describe("parseWholeNumber", () => {
  it("reads unsigned whole numbers", () => {
    expect(parseWholeNumber("12")).toBe(12);
    expect(parseWholeNumber(" 0 ")).toBe(0);
    expect(parseWholeNumber("-3")).toBeNaN();
    expect(parseWholeNumber("1.5")).toBeNaN();
    expect(parseWholeNumber("")).toBeNaN();
  });

  it("reads signed deltas", () => {
    expect(parseWholeNumber("+10", { signed: true })).toBe(10);
    expect(parseWholeNumber("-3", { signed: true })).toBe(-3);
    expect(parseWholeNumber("\u22124", { signed: true })).toBe(-4);
    expect(parseWholeNumber("+-1", { signed: true })).toBeNaN();
    expect(parseWholeNumber("2.5", { signed: true })).toBeNaN();
  });
});
