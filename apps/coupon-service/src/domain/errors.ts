import { notFound, type CommonError } from "@shop/kernel";

/** Everything that can go wrong for a business reason with campaigns and claims, as values. */
export type CouponError =
  | CommonError
  | { code: "FORBIDDEN"; message: string }
  | { code: "CAMPAIGN_NOT_STARTED"; campaignId: string; opensAt: Date }
  | { code: "CAMPAIGN_ENDED"; campaignId: string; endedAt: Date }
  | { code: "SOLD_OUT"; campaignId: string }
  | { code: "ALREADY_CLAIMED"; campaignId: string };

export const campaignNotFound = (id: string): CouponError => notFound(`No campaign with id ${id}`);
