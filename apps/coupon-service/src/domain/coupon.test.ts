import { describe, expect, it } from "vitest";
import { couponStatus } from "./coupon";

const end = new Date("2026-12-31T00:00:00.000Z");
const before = new Date(end.getTime() - 1);

describe("couponStatus", () => {
  it("is available until its campaign ends, then expired", () => {
    expect(couponStatus({ usedOrderId: null }, { validTo: end }, before)).toBe("available");
    expect(couponStatus({ usedOrderId: null }, { validTo: end }, end)).toBe("expired");
  });

  it("is used while on an order, even after the campaign ended", () => {
    const used = { usedOrderId: "00000000-0000-4000-8000-000000000009" };
    expect(couponStatus(used, { validTo: end }, before)).toBe("used");
    expect(couponStatus(used, { validTo: end }, end)).toBe("used");
  });
});
