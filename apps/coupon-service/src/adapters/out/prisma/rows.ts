import type {
  Campaign as CampaignRow,
  Coupon as CouponRow,
  Prisma,
} from "../../../generated/prisma/client";
import type { Campaign } from "../../../domain/campaign";
import type { Coupon } from "../../../domain/coupon";
import type { Discount } from "@shop/kernel";

/* Rows <-> domain objects. The discount is three nullable columns, kept consistent by a CHECK. */

export function toCampaign(row: CampaignRow): Campaign {
  const discount: Discount =
    row.discountKind === "fixed"
      ? { kind: "fixed", amountOffCents: row.amountOffCents as number }
      : {
          kind: "percent",
          percentOff: row.percentOff as number,
          maxDiscountCents: row.maxDiscountCents as number,
        };
  return {
    id: row.id,
    name: row.name,
    discount,
    quantity: row.quantity,
    issued: row.issued,
    minOrderCents: row.minOrderCents,
    validFrom: row.validFrom,
    validTo: row.validTo,
    createdAt: row.createdAt,
  };
}

export function campaignData(c: Campaign): Prisma.CampaignCreateInput {
  const d = c.discount;
  return {
    id: c.id,
    name: c.name,
    discountKind: d.kind,
    amountOffCents: d.kind === "fixed" ? d.amountOffCents : null,
    percentOff: d.kind === "percent" ? d.percentOff : null,
    maxDiscountCents: d.kind === "percent" ? d.maxDiscountCents : null,
    quantity: c.quantity,
    issued: c.issued,
    minOrderCents: c.minOrderCents,
    validFrom: c.validFrom,
    validTo: c.validTo,
    createdAt: c.createdAt,
  };
}

export const toCoupon = (row: CouponRow): Coupon => ({
  id: row.id,
  campaignId: row.campaignId,
  userId: row.userId,
  claimedAt: row.claimedAt,
  usedOrderId: row.usedOrderId,
  usedAt: row.usedAt,
});
