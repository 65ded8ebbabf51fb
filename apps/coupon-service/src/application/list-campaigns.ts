import { ok, type Actor, type Result } from "@shop/kernel";
import type { CouponError } from "../domain/errors";
import { asAdmin } from "./authorize";
import type { CouponDeps } from "./ports";
import { adminView, type AdminCampaignView } from "./views";

/** Every campaign, newest first, with issued, used and remaining counts: for admins. */
export async function listCampaigns(
  deps: Pick<CouponDeps, "campaigns" | "clock">,
  actor: Actor,
): Promise<Result<AdminCampaignView[], CouponError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  const now = deps.clock.now();
  return ok((await deps.campaigns.listWithUsage()).map((c) => adminView(c, now)));
}
