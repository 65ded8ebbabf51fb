import { describe, expect, it } from "vitest";
import { createCampaign, phaseAt, remainingOf, type NewCampaign } from "./campaign";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const ID = "00000000-0000-4000-8000-000000000001";

const input = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  name: "Welcome 10% off",
  discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
  quantity: 100,
  minOrderCents: 2_000,
  validFrom: at(-1),
  validTo: at(24),
  ...overrides,
});

const fieldErrorsOf = (overrides: Partial<NewCampaign>) => {
  const r = createCampaign(input(overrides), ID, NOW);
  return r.ok ? {} : r.error.fieldErrors;
};

describe("createCampaign", () => {
  it("creates a campaign with nothing issued", () => {
    const r = createCampaign(input({ name: "  Welcome  " }), ID, NOW);
    expect(r).toEqual({
      ok: true,
      value: { id: ID, ...input(), name: "Welcome", issued: 0, createdAt: NOW },
    });
  });

  it("may start in the past or the future, but must not be over already", () => {
    expect(createCampaign(input({ validFrom: at(2), validTo: at(3) }), ID, NOW).ok).toBe(true);
    expect(fieldErrorsOf({ validFrom: at(-3), validTo: at(-1) })).toEqual({
      validTo: ["End must be in the future"],
    });
  });

  it.each<[Partial<NewCampaign>, Record<string, string[]>]>([
    [{ validTo: at(-1) }, { validTo: ["End must be after the start"] }],
    [{ validFrom: at(5), validTo: at(5) }, { validTo: ["End must be after the start"] }],
    [
      { validFrom: new Date(Number.NaN) },
      { validFrom: ["Use a date and time with its time zone"] },
    ],
    [{ quantity: 0 }, { quantity: ["Quantity must be at least 1"] }],
    [{ quantity: -3 }, { quantity: ["Quantity must be at least 1"] }],
    [{ quantity: 2.5 }, { quantity: ["Quantity must be a whole number"] }],
    [{ quantity: 1_000_001 }, { quantity: ["Quantity must be at most 1000000"] }],
    [{ name: "   " }, { name: ["Name is required"] }],
    [{ minOrderCents: -1 }, { minOrderCents: ["Cannot be negative"] }],
    [
      { discount: { kind: "percent", percentOff: 101, maxDiscountCents: 100 } },
      { "discount.percentOff": ["At most 100%"] },
    ],
    [
      { discount: { kind: "percent", percentOff: 0, maxDiscountCents: 0 } },
      {
        "discount.percentOff": ["At least 1%"],
        "discount.maxDiscountCents": ["Must be at least 1 cent"],
      },
    ],
    [
      { discount: { kind: "fixed", amountOffCents: 0 } },
      { "discount.amountOffCents": ["Must be at least 1 cent"] },
    ],
    [
      { discount: { kind: "fixed", amountOffCents: 9.99 } },
      { "discount.amountOffCents": ["Use a whole number of cents"] },
    ],
  ])("refuses %j with field errors", (overrides, expected) => {
    expect(fieldErrorsOf(overrides)).toEqual(expected);
  });

  it("reports every wrong field at once", () => {
    expect(Object.keys(fieldErrorsOf({ name: "", quantity: 0, validTo: at(-2) })).sort()).toEqual([
      "name",
      "quantity",
      "validTo",
    ]);
  });
});

describe("phaseAt and remainingOf", () => {
  const c = { validFrom: at(0), validTo: at(1), quantity: 5, issued: 5 };
  it("is open from the start until just before the end", () => {
    expect(phaseAt(c, at(-0.001))).toBe("upcoming");
    expect(phaseAt(c, at(0))).toBe("open");
    expect(phaseAt(c, new Date(at(1).getTime() - 1))).toBe("open");
    expect(phaseAt(c, at(1))).toBe("ended");
  });
  it("counts what is left", () => {
    expect(remainingOf(c)).toBe(0);
    expect(remainingOf({ quantity: 5, issued: 2 })).toBe(3);
  });
});
