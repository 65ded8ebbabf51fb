import { err, ok, type Actor, type Result } from "@shop/kernel";
import { campaignNotFound, type CouponError } from "../domain/errors";
import { asUser } from "./authorize";
import type { CouponDeps, Refusal } from "./ports";
import { couponView, type CouponView } from "./views";

/**
 * A signed-in user claims a coupon of a campaign: first come, first served, one per user. The
 * store decides atomically (CouponClaims); this turns its outcome into the user's answer.
 */
export async function claimCoupon(
  deps: Pick<CouponDeps, "claims" | "clock" | "ids">,
  actor: Actor,
  campaignId: string,
): Promise<Result<CouponView, CouponError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  const at = deps.clock.now();
  const outcome = await deps.claims.claim({
    campaignId,
    couponId: deps.ids.next(),
    userId: user.value,
    at,
  });
  switch (outcome.kind) {
    case "issued":
      return ok(couponView(outcome.coupon, at));
    case "no-campaign":
      return err(campaignNotFound(campaignId));
    case "refused": {
      const refusals: Record<Refusal, CouponError> = {
        "not-started": {
          code: "CAMPAIGN_NOT_STARTED",
          campaignId,
          opensAt: outcome.campaign.validFrom,
        },
        ended: { code: "CAMPAIGN_ENDED", campaignId, endedAt: outcome.campaign.validTo },
        "sold-out": { code: "SOLD_OUT", campaignId },
        "already-claimed": { code: "ALREADY_CLAIMED", campaignId },
      };
      return err(refusals[outcome.refusal]);
    }
  }
}
