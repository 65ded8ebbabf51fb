import { err, validationFailed, type Actor, type Result } from "@shop/kernel";
import { MAX_CART_QUANTITY } from "../domain/cart";
import type { OrderError } from "../domain/errors";
import { asUser } from "./authorize";
import { cartAfter } from "./change-cart";
import type { CartLine, OrderDeps } from "./ports";

/**
 * Adds `quantity` of a product to the signed-in user's cart. Whether the product exists and is
 * on sale is product-service's to say: the BFF asks it first, and reserving stock decides for
 * good at checkout.
 */
export async function addToCart(
  deps: Pick<OrderDeps, "cart" | "clock">,
  actor: Actor,
  input: { productId: string; quantity: number },
): Promise<Result<CartLine[], OrderError>> {
  const user = asUser(actor);
  if (!user.ok) return user;
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_CART_QUANTITY)
    return err(
      validationFailed({ quantity: [`Quantity must be between 1 and ${MAX_CART_QUANTITY}`] }),
    );
  const change = await deps.cart.add(user.value, input.productId, input.quantity, deps.clock.now());
  return cartAfter(deps, user.value, change);
}
