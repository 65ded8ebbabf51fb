import { err, validationFailed, type Actor, type Result } from "@shop/kernel";
import { MAX_CART_QUANTITY } from "../domain/cart";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import { cartAfter } from "./change-cart";
import type { CartLine, OrderDeps } from "./ports";

/** Sets a line of the signed-in user's cart to `quantity`; 0 removes it. */
export async function setCartQuantity(
  deps: Pick<OrderDeps, "cart" | "clock">,
  actor: Actor,
  input: { productId: string; quantity: number },
): Promise<Result<CartLine[], OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  if (!Number.isInteger(input.quantity) || input.quantity < 0 || input.quantity > MAX_CART_QUANTITY)
    return err(
      validationFailed({ quantity: [`Quantity must be between 0 and ${MAX_CART_QUANTITY}`] }),
    );
  const change = await deps.cart.set(user.value, input.productId, input.quantity, deps.clock.now());
  return cartAfter(deps, user.value, change);
}
