import { describe, expect, it } from "vitest";
import { createCampaignInput } from "@shop/contracts";
import { emptyCampaign, toCampaignInput } from "./campaign-form-model";

const NOW = new Date("2026-12-01T10:00:00Z");

describe("the campaign form", () => {
  it("turns a percent campaign as typed into the contract's input", () => {
    const { input, errors } = toCampaignInput({
      ...emptyCampaign(NOW),
      name: "Winter",
      minOrder: "25",
    });
    expect(errors).toEqual({});
    expect(createCampaignInput.parse(input)).toEqual({
      name: "Winter",
      discount: { kind: "percent", percentOff: 10, maxDiscountCents: 2000 },
      quantity: 100,
      validFrom: "2026-12-01T10:00:00.000Z",
      validTo: "2026-12-08T10:00:00.000Z",
      minOrderCents: 2500,
    });
  });

  it("reads a fixed amount off in dollars", () => {
    const { input } = toCampaignInput({
      ...emptyCampaign(NOW),
      name: "Five",
      kind: "fixed",
      amountOff: "5",
    });
    expect(input.discount).toEqual({ kind: "fixed", amountOffCents: 500 });
  });

  it("names the field of an amount it cannot read; the contract refuses the rest", () => {
    const { input, errors } = toCampaignInput({
      ...emptyCampaign(NOW),
      maxDiscount: "abc",
      percentOff: "150",
      validTo: "2026-11-30T10:00",
    });
    expect(Object.keys(errors)).toEqual(["discount.maxDiscountCents"]);
    const fields = createCampaignInput.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["discount.percentOff", "name"]));
  });
});
