import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_NAME_MAX as CONTRACT_NAME_MAX,
  createCampaignInput,
  MAX_COUPON_QUANTITY as CONTRACT_MAX_QUANTITY,
  MAX_PRICE_CENTS,
} from "@shop/contracts";
import {
  CAMPAIGN_NAME_MAX,
  createCampaign,
  MAX_AMOUNT_CENTS,
  MAX_COUPON_QUANTITY,
} from "../../../domain/campaign";

/*
 * A new campaign's rules are written twice: in the contract's zod schema (forms, the BFF, the
 * tRPC input) and in the domain (the authority, which has the clock). This holds the copies to
 * the same answers, field by field and message by message, so neither can drift alone.
 */

const NOW = new Date("2026-12-01T12:00:00.000Z");

interface Input {
  name: string;
  discount:
    | { kind: "fixed"; amountOffCents: number }
    | { kind: "percent"; percentOff: number; maxDiscountCents: number };
  quantity: number;
  minOrderCents: number;
  validFrom: string;
  validTo: string;
}

const base: Input = {
  name: "Welcome",
  discount: { kind: "percent", percentOff: 10, maxDiscountCents: 1_000 },
  quantity: 100,
  minOrderCents: 0,
  validFrom: "2026-12-01T00:00:00.000Z",
  validTo: "2026-12-31T00:00:00.000Z",
};

const cases: [string, Partial<Input>][] = [
  ["valid", {}],
  ["a fixed discount", { discount: { kind: "fixed", amountOffCents: 500 } }],
  ["an empty name", { name: "   " }],
  ["a long name", { name: "x".repeat(121) }],
  ["the longest name", { name: "x".repeat(120) }],
  ["percent over 100", { discount: { kind: "percent", percentOff: 101, maxDiscountCents: 1 } }],
  ["percent 100", { discount: { kind: "percent", percentOff: 100, maxDiscountCents: 1 } }],
  ["percent 0", { discount: { kind: "percent", percentOff: 0, maxDiscountCents: 1 } }],
  ["a fractional percent", { discount: { kind: "percent", percentOff: 2.5, maxDiscountCents: 1 } }],
  ["no cap", { discount: { kind: "percent", percentOff: 5, maxDiscountCents: 0 } }],
  [
    "a cap too high",
    { discount: { kind: "percent", percentOff: 5, maxDiscountCents: MAX_PRICE_CENTS + 1 } },
  ],
  ["zero off", { discount: { kind: "fixed", amountOffCents: 0 } }],
  ["negative off", { discount: { kind: "fixed", amountOffCents: -1 } }],
  ["fractional cents off", { discount: { kind: "fixed", amountOffCents: 1.5 } }],
  ["quantity 0", { quantity: 0 }],
  ["negative quantity", { quantity: -1 }],
  ["fractional quantity", { quantity: 1.5 }],
  ["the largest quantity", { quantity: 1_000_000 }],
  ["too large a quantity", { quantity: 1_000_001 }],
  ["a negative minimum", { minOrderCents: -1 }],
  ["a fractional minimum", { minOrderCents: 0.5 }],
  ["too high a minimum", { minOrderCents: MAX_PRICE_CENTS + 1 }],
  ["an end before the start", { validTo: "2026-11-30T00:00:00.000Z" }],
  ["an end at the start", { validTo: base.validFrom }],
];

const contractErrors = (input: Input) => {
  const r = createCampaignInput.safeParse(input);
  const out: Record<string, string[]> = {};
  for (const i of r.error?.issues ?? []) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
};

const domainErrors = (input: Input) => {
  const r = createCampaign(
    { ...input, validFrom: new Date(input.validFrom), validTo: new Date(input.validTo) },
    "00000000-0000-4000-8000-000000000001",
    NOW,
  );
  return r.ok ? {} : r.error.fieldErrors;
};

describe("the contract and the domain agree on a new campaign", () => {
  it("share their limits", () => {
    expect(MAX_COUPON_QUANTITY).toBe(CONTRACT_MAX_QUANTITY);
    expect(CAMPAIGN_NAME_MAX).toBe(CONTRACT_NAME_MAX);
    expect(MAX_AMOUNT_CENTS).toBe(MAX_PRICE_CENTS);
  });

  it.each(cases)("%s: the same fields and messages", (_, overrides) => {
    const input: Input = { ...base, ...overrides };
    expect(domainErrors(input)).toEqual(contractErrors(input));
  });
});
