import "server-only";
import type { Services } from "../services";
import { cartView, type CartView } from "./cart-view";
import { cartProblem, couponProblem } from "./checkout-rules";
import { refused } from "./refused";

/**
 * The shopper's cart as it will be ordered, after refusing what can be known before the saga
 * starts (an unavailable or short item, someone else's, a used or an expired coupon, an order
 * below the coupon's minimum) with the field to blame, so the shopper gets a clear error
 * instead of a cancelled order. The saga decides for good.
 */
export async function cartToPlace(
  services: Services,
  couponId: string | null | undefined,
): Promise<CartView> {
  const cart = await cartView(services, await services.order.cart.get.query());
  // An empty cart is either a mistake or a retry of a placed order: order-service tells which.
  if (cart.lines.length === 0) return cart;
  const problem = cartProblem(cart);
  if (problem) throw refused("lines", problem.message);
  if (couponId) {
    const mine = await services.coupon.coupons.mine.query();
    const why = couponProblem(
      mine.find((c) => c.id === couponId),
      cart.subtotalCents,
    );
    if (why) throw refused("couponId", why.message);
  }
  return cart;
}

/** The names the order keeps for its lines, as the shopper saw them when placing it. */
export const productNames = (cart: CartView): Record<string, string> =>
  Object.fromEntries(cart.lines.flatMap((l) => (l.product ? [[l.productId, l.product.name]] : [])));
