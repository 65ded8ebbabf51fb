import { ok, type Actor, type Result } from "@shop/kernel";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import type { CartLine, OrderDeps } from "./ports";

/** The signed-in user's cart, the first added line first. */
export async function getCart(
  deps: Pick<OrderDeps, "cart">,
  actor: Actor,
): Promise<Result<CartLine[], OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  return ok((await deps.cart.read(user.value)).lines);
}
