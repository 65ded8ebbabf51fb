import type {
  Campaign as CampaignDto,
  createCampaignInput,
  MyCoupon,
  OpenCampaign,
} from "@shop/contracts";
import type { z } from "zod";
import { commonTRPCError, DomainTRPCError, valueOrThrowWith } from "@shop/service-kit/trpc-errors";
import type { NewCampaign } from "../../../domain/campaign";
import type { CouponError } from "../../../domain/errors";
import type { AdminCampaignView, CouponView, OpenCampaignView } from "../../../application/views";

export const toNewCampaign = (input: z.output<typeof createCampaignInput>): NewCampaign => ({
  name: input.name,
  discount: input.discount,
  quantity: input.quantity,
  minOrderCents: input.minOrderCents,
  validFrom: new Date(input.validFrom),
  validTo: new Date(input.validTo),
});

export const toCampaignDto = (c: AdminCampaignView): CampaignDto => ({
  id: c.id,
  name: c.name,
  discount: c.discount,
  quantity: c.quantity,
  issued: c.issued,
  used: c.used,
  remaining: c.remaining,
  minOrderCents: c.minOrderCents,
  validFrom: c.validFrom.toISOString(),
  validTo: c.validTo.toISOString(),
  createdAt: c.createdAt.toISOString(),
  phase: c.phase,
});

export const toOpenCampaignDto = (c: OpenCampaignView): OpenCampaign => ({
  id: c.id,
  name: c.name,
  discount: c.discount,
  quantity: c.quantity,
  remaining: c.remaining,
  minOrderCents: c.minOrderCents,
  validFrom: c.validFrom.toISOString(),
  validTo: c.validTo.toISOString(),
  claimed: c.claimed,
});

export const toMyCouponDto = (c: CouponView): MyCoupon => ({
  id: c.id,
  campaignId: c.campaignId,
  campaignName: c.campaign.name,
  discount: c.campaign.discount,
  minOrderCents: c.campaign.minOrderCents,
  validTo: c.campaign.validTo.toISOString(),
  claimedAt: c.claimedAt.toISOString(),
  status: c.status,
  usedAt: c.usedAt?.toISOString() ?? null,
});

const when = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
/** "Dec 2, 2026, 12:00 PM UTC": the BFF may show it as it is. */
export const whenText = (d: Date) => `${when.format(d)} UTC`;

/** The edge where a domain error becomes a transport error: code, message, per-field hints. */
export function toTRPCError(e: CouponError): DomainTRPCError {
  switch (e.code) {
    case "VALIDATION_FAILED":
    case "NOT_FOUND":
      return commonTRPCError(e);
    case "FORBIDDEN":
      return new DomainTRPCError({ code: "FORBIDDEN", errorCode: e.code, message: e.message });
    case "CAMPAIGN_NOT_STARTED":
      return new DomainTRPCError({
        code: "PRECONDITION_FAILED",
        errorCode: e.code,
        message: `This campaign has not started yet: it opens ${whenText(e.opensAt)}`,
      });
    case "CAMPAIGN_ENDED":
      return new DomainTRPCError({
        code: "PRECONDITION_FAILED",
        errorCode: e.code,
        message: `This campaign ended ${whenText(e.endedAt)}`,
      });
    case "SOLD_OUT":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: "Sold out: every coupon of this campaign has been claimed",
      });
    case "ALREADY_CLAIMED":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: "You already have a coupon from this campaign",
      });
  }
}

/** Unwraps a use case's result for a procedure: the value, or the mapped error thrown. */
export const valueOrThrow = valueOrThrowWith(toTRPCError);
