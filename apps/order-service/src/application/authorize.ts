import { err, ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";

/* Who may do what with carts and orders: decided here, from the verified actor. */

/** A cart and one's own orders: a signed-in user, acting for themselves. */
export function asUser(actor: Actor): Result<string, OrderError> {
  return actor.role !== "visitor" && actor.userId
    ? ok(actor.userId)
    : err({ code: "FORBIDDEN", message: "Sign in to use a cart and see your orders" });
}

/** Every order, with its saga's log: admins. */
export function asAdmin(actor: Actor): Result<Actor, OrderError> {
  return actor.role === "admin"
    ? ok(actor)
    : err({ code: "FORBIDDEN", message: "Only admins see every order" });
}
