import { err, ok, type Actor, type Result } from "@shop/kernel";
import { createCampaign as newCampaign, type NewCampaign } from "../domain/campaign";
import type { CouponError } from "../domain/errors";
import { asAdmin } from "./authorize";
import type { CouponDeps } from "./ports";
import { adminView, type AdminCampaignView } from "./views";

/** An admin starts a campaign; invalid fields are refused with a message each, nothing stored. */
export async function createCampaign(
  deps: Pick<CouponDeps, "campaigns" | "clock" | "ids">,
  actor: Actor,
  input: NewCampaign,
): Promise<Result<AdminCampaignView, CouponError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  const now = deps.clock.now();
  const created = newCampaign(input, deps.ids.next(), now);
  if (!created.ok) return err(created.error);
  await deps.campaigns.insert(created.value);
  return ok(adminView({ ...created.value, used: 0 }, now));
}
