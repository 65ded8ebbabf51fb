import type { Actor } from "@shop/kernel";
import { remainingOf } from "../domain/campaign";
import type { CouponDeps } from "./ports";
import type { OpenCampaignView } from "./views";

/**
 * The campaigns anyone can claim from now, sold-out ones included (with 0 remaining, so the
 * page can say so); for a signed-in user, whether they hold one already.
 */
export async function listOpenCampaigns(
  deps: Pick<CouponDeps, "campaigns" | "coupons" | "clock">,
  actor: Actor,
): Promise<OpenCampaignView[]> {
  const open = await deps.campaigns.listOpen(deps.clock.now());
  const held =
    actor.role !== "visitor" && actor.userId && open.length > 0
      ? await deps.coupons.campaignsHeldBy(
          actor.userId,
          open.map((c) => c.id),
        )
      : new Set<string>();
  return open.map((c) => ({ ...c, remaining: remainingOf(c), claimed: held.has(c.id) }));
}
