import { err, ok, type Actor, type Result } from "@shop/kernel";
import type { CouponError } from "../domain/errors";

/* Who may do what with coupons: decided here, by the use cases, from the verified actor. */

/** Creating and listing campaigns with their counts: admins. */
export function asAdmin(actor: Actor): Result<Actor, CouponError> {
  return actor.role === "admin"
    ? ok(actor)
    : err({ code: "FORBIDDEN", message: "Only admins manage campaigns" });
}

/** Claiming and seeing coupons: a signed-in user, acting for themselves. */
export function asUser(actor: Actor): Result<string, CouponError> {
  return actor.role !== "visitor" && actor.userId
    ? ok(actor.userId)
    : err({ code: "FORBIDDEN", message: "Sign in to claim and see your coupons" });
}
