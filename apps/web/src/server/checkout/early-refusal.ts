import "server-only";
import { discountFor } from "@shop/kernel";
import type { Services } from "../services";
import { cartView, type CartView } from "./cart-view";
import { balanceProblem, cartProblem, couponProblem } from "./checkout-rules";
import { refused } from "./refused";

/**
 * How long the balance is waited for. The early refusal is a courtesy: a payment-service slow
 * to answer must not hold the order up (the saga waits for it, and decides), so past this the
 * order goes ahead unchecked.
 */
export const BALANCE_WAIT_MS = 1_500;

/** The shopper's balance, or null when payment-service does not answer in time (or fails). */
async function balanceOrNull(services: Services): Promise<number | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, BALANCE_WAIT_MS, null)));
  const balance = services.payment.wallet.balance.query().then(
    (b) => b.balanceCents,
    () => null,
  );
  try {
    return await Promise.race([balance, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The shopper's cart as it will be ordered, after refusing what can be known before the saga
 * starts (an unavailable or short item, someone else's, a used or an expired coupon, an order
 * below the coupon's minimum, a balance that cannot pay the total) with the field to blame, so
 * the shopper gets a clear error instead of a cancelled order. The saga decides for good.
 */
export async function cartToPlace(
  services: Services,
  couponId: string | null | undefined,
): Promise<CartView> {
  // Asked at once with the cart: the balance is needed last, and may be slow to come.
  const balance = balanceOrNull(services);
  const cart = await cartView(services, await services.order.cart.get.query());
  // An empty cart is either a mistake or a retry of a placed order: order-service tells which.
  if (cart.lines.length === 0) return cart;
  const problem = cartProblem(cart);
  if (problem) throw refused("lines", problem.message);
  let discountCents = 0;
  if (couponId) {
    const mine = await services.coupon.coupons.mine.query();
    const coupon = mine.find((c) => c.id === couponId);
    const why = couponProblem(coupon, cart.subtotalCents);
    if (why) throw refused("couponId", why.message);
    discountCents = coupon ? discountFor(coupon.discount, cart.subtotalCents) : 0;
  }
  const balanceCents = await balance;
  const short =
    balanceCents === null ? null : balanceProblem(balanceCents, cart.subtotalCents - discountCents);
  if (short) throw refused("balance", short.message);
  return cart;
}

/** The names the order keeps for its lines, as the shopper saw them when placing it. */
export const productNames = (cart: CartView): Record<string, string> =>
  Object.fromEntries(cart.lines.flatMap((l) => (l.product ? [[l.productId, l.product.name]] : [])));
