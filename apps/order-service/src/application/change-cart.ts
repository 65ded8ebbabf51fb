import { err, validationFailed, type Result } from "@shop/kernel";
import { MAX_CART_QUANTITY, MAX_ORDER_LINES } from "../domain/cart";
import type { OrderError } from "../domain/errors";
import type { CartChange, CartLine, OrderDeps } from "./ports";

/** What add-to-cart and set-cart-quantity answer: the cart after the change, or why not. */
export async function cartAfter(
  deps: Pick<OrderDeps, "cart">,
  userId: string,
  change: CartChange,
): Promise<Result<CartLine[], OrderError>> {
  if (change === "too_many")
    return err(validationFailed({ quantity: [`At most ${MAX_CART_QUANTITY} of one product`] }));
  if (change === "cart_full")
    return err(
      validationFailed({
        productId: [`Your cart holds at most ${MAX_ORDER_LINES} different products`],
      }),
    );
  return { ok: true, value: (await deps.cart.read(userId)).lines };
}
