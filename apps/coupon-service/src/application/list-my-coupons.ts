import { ok, type Actor, type Result } from "@shop/kernel";
import type { CouponError } from "../domain/errors";
import { asUser } from "./authorize";
import type { CouponDeps } from "./ports";
import { couponView, type CouponView } from "./views";

/** The signed-in user's coupons, the latest claim first, each with its status now. */
export async function listMyCoupons(
  deps: Pick<CouponDeps, "coupons" | "clock">,
  actor: Actor,
): Promise<Result<CouponView[], CouponError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  const now = deps.clock.now();
  return ok((await deps.coupons.listByUser(user.value)).map((c) => couponView(c, now)));
}
