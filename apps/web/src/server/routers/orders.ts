import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import {
  formatMoney,
  listMyOrdersInput,
  listOrdersInput,
  orderIdInput,
  placeOrderInput,
  type MyCoupon,
} from "@shop/contracts";
import { refused } from "../checkout/refused";
import { cartView, type CartView } from "../checkout/cart-view";
import { adminProcedure, shopperProcedure } from "../trpc";

/** Why the cart cannot be ordered as it is, in the shopper's words; null when it can. */
function cartProblem(cart: CartView): string | null {
  for (const line of cart.lines) {
    if (!line.product) return "An item in your cart is no longer available: remove it first";
    if (line.quantity > line.product.stock)
      return line.product.stock === 0
        ? `${line.product.name} is sold out: remove it first`
        : `Only ${line.product.stock} left of ${line.product.name}: lower the quantity first`;
  }
  return null;
}

/** Why the coupon cannot go on this order; null when it can (coupon-service decides for good). */
function couponProblem(coupon: MyCoupon | undefined, subtotalCents: number): string | null {
  if (!coupon) return "This coupon is not one of yours";
  if (coupon.status === "used") return "This coupon was already used on another order";
  if (coupon.status === "expired") return "This coupon has expired";
  if (subtotalCents < coupon.minOrderCents)
    return `This coupon needs an order of at least ${formatMoney(coupon.minOrderCents)}`;
  return null;
}

export const orderRoutes = {
  /**
   * Places the cart as an order. What can be known before the saga starts is checked here
   * (an unavailable or short item, someone else's or a used coupon) so the shopper gets a clear
   * error instead of a cancelled order; the saga decides for good. The same key places one
   * order however often it is sent.
   */
  place: shopperProcedure.input(placeOrderInput).mutation(async ({ ctx, input }) => {
    const { order, coupon } = ctx.services;
    const cart = await cartView(ctx.services, await order.cart.get.query());
    // An empty cart is either a mistake or a retry of a placed order: order-service tells which.
    if (cart.lines.length > 0) {
      const problem = cartProblem(cart);
      if (problem) throw refused("lines", problem);
      if (input.couponId) {
        const mine = await coupon.coupons.mine.query();
        const why = couponProblem(
          mine.find((c) => c.id === input.couponId),
          cart.subtotalCents,
        );
        if (why) throw refused("couponId", why);
      }
    }
    const names = Object.fromEntries(
      cart.lines.flatMap((l) => (l.product ? [[l.productId, l.product.name]] : [])),
    );
    return order.orders.place.mutate({ ...input, names });
  }),
  mine: shopperProcedure
    .input(listMyOrdersInput)
    .query(({ ctx, input }) => ctx.services.order.orders.mine.query(input)),
  get: shopperProcedure
    .input(orderIdInput)
    .query(({ ctx, input }) => ctx.services.order.orders.get.query(input)),
} satisfies TRPCRouterRecord;

export const adminOrderRoutes = {
  list: adminProcedure
    .input(listOrdersInput)
    .query(({ ctx, input }) => ctx.services.order.admin.orders.list.query(input)),
  get: adminProcedure
    .input(orderIdInput)
    .query(({ ctx, input }) => ctx.services.order.admin.orders.get.query(input)),
} satisfies TRPCRouterRecord;
