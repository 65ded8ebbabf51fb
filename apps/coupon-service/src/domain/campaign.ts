import { err, ok, validationFailed, type Result, type ValidationFailed } from "@shop/kernel";
import type { Discount } from "@shop/kernel";

/*
 * A campaign hands out `quantity` coupons, first come first served, at most one per user,
 * while its window [validFrom, validTo) is open. The same limits are in the contract's zod
 * schema (packages/contracts/src/coupon.ts) for the forms; campaign-rules-agree.test.ts holds
 * the two to the same answers.
 */

export const MAX_COUPON_QUANTITY = 1_000_000;
export const MAX_AMOUNT_CENTS = 100_000_000;
export const CAMPAIGN_NAME_MAX = 120;

export interface Campaign {
  id: string;
  name: string;
  discount: Discount;
  quantity: number;
  /** Coupons issued so far (never more than quantity). */
  issued: number;
  minOrderCents: number;
  validFrom: Date;
  validTo: Date;
  createdAt: Date;
}

/** What an admin decides about a new campaign. */
export interface NewCampaign {
  name: string;
  discount: Discount;
  quantity: number;
  minOrderCents: number;
  validFrom: Date;
  validTo: Date;
}

export type CampaignPhase = "upcoming" | "open" | "ended";

/** Upcoming before validFrom, open from validFrom until just before validTo, ended from then. */
export function phaseAt(c: Pick<Campaign, "validFrom" | "validTo">, now: Date): CampaignPhase {
  if (now.getTime() < c.validFrom.getTime()) return "upcoming";
  return now.getTime() < c.validTo.getTime() ? "open" : "ended";
}

export const remainingOf = (c: Pick<Campaign, "quantity" | "issued">) =>
  Math.max(0, c.quantity - c.issued);

const isWhole = (n: number) => Number.isSafeInteger(n);

function checkCents(
  errors: Record<string, string[]>,
  field: string,
  value: number,
  min: number,
  tooLow: string,
) {
  if (!isWhole(value)) errors[field] = ["Use a whole number of cents"];
  else if (value < min) errors[field] = [tooLow];
  else if (value > MAX_AMOUNT_CENTS) errors[field] = ["Is too high"];
}

function discountErrors(d: Discount, errors: Record<string, string[]>) {
  if (d.kind === "fixed") {
    checkCents(errors, "discount.amountOffCents", d.amountOffCents, 1, "Must be at least 1 cent");
    return;
  }
  if (!isWhole(d.percentOff)) errors["discount.percentOff"] = ["Use a whole percentage"];
  else if (d.percentOff < 1) errors["discount.percentOff"] = ["At least 1%"];
  else if (d.percentOff > 100) errors["discount.percentOff"] = ["At most 100%"];
  checkCents(errors, "discount.maxDiscountCents", d.maxDiscountCents, 1, "Must be at least 1 cent");
}

/**
 * A new campaign with nothing issued, or the fields that are wrong. Besides the contract's
 * rules, a campaign must not have ended already: nobody could ever claim it.
 */
export function createCampaign(
  input: NewCampaign,
  id: string,
  now: Date,
): Result<Campaign, ValidationFailed> {
  const errors: Record<string, string[]> = {};
  const name = input.name.trim();
  if (name.length === 0) errors.name = ["Name is required"];
  else if (name.length > CAMPAIGN_NAME_MAX)
    errors.name = [`Name must be at most ${CAMPAIGN_NAME_MAX} characters`];
  discountErrors(input.discount, errors);
  if (!isWhole(input.quantity)) errors.quantity = ["Quantity must be a whole number"];
  else if (input.quantity < 1) errors.quantity = ["Quantity must be at least 1"];
  else if (input.quantity > MAX_COUPON_QUANTITY)
    errors.quantity = [`Quantity must be at most ${MAX_COUPON_QUANTITY}`];
  checkCents(errors, "minOrderCents", input.minOrderCents, 0, "Cannot be negative");
  const [from, to] = [input.validFrom.getTime(), input.validTo.getTime()];
  if (Number.isNaN(from)) errors.validFrom = ["Use a date and time with its time zone"];
  if (Number.isNaN(to)) errors.validTo = ["Use a date and time with its time zone"];
  else if (!Number.isNaN(from) && to <= from) errors.validTo = ["End must be after the start"];
  else if (to <= now.getTime()) errors.validTo = ["End must be in the future"];
  if (Object.keys(errors).length > 0) return err(validationFailed(errors));
  return ok({
    id,
    name,
    discount: { ...input.discount },
    quantity: input.quantity,
    issued: 0,
    minOrderCents: input.minOrderCents,
    validFrom: new Date(from),
    validTo: new Date(to),
    createdAt: now,
  });
}
