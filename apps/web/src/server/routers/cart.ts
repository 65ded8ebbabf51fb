import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { addToCartInput, setCartQuantityInput } from "@shop/contracts";
import { refused } from "../checkout/refused";
import { cartView, productsById } from "../checkout/cart-view";
import type { Services } from "../services";
import { shopperProcedure } from "../trpc";

/**
 * Whether `quantity` of the product can go in the cart: on sale, and no more than its stock.
 * Reserving stock at checkout decides for good; this only spares the shopper a doomed order.
 */
async function checkAvailable(services: Services, productId: string, quantity: number) {
  const product = (await productsById(services, [productId])).get(productId);
  if (!product) throw refused("productId", "This product is no longer available");
  if (quantity > product.stock)
    throw refused(
      "quantity",
      product.stock === 0
        ? `${product.name} is sold out`
        : `Only ${product.stock} left of ${product.name}`,
    );
}

/** The signed-in shopper's cart, kept by order-service (so it follows them across browsers). */
export const cartRoutes = {
  get: shopperProcedure.query(async ({ ctx }) =>
    cartView(ctx.services, await ctx.services.order.cart.get.query()),
  ),
  /** Items in the cart, for the header: no product lookups. */
  count: shopperProcedure.query(async ({ ctx }) => {
    const cart = await ctx.services.order.cart.get.query();
    return cart.lines.reduce((n, l) => n + l.quantity, 0);
  }),
  add: shopperProcedure.input(addToCartInput).mutation(async ({ ctx, input }) => {
    const cart = await ctx.services.order.cart.get.query();
    const inCart = cart.lines.find((l) => l.productId === input.productId)?.quantity ?? 0;
    await checkAvailable(ctx.services, input.productId, inCart + input.quantity);
    return cartView(ctx.services, await ctx.services.order.cart.add.mutate(input));
  }),
  setQuantity: shopperProcedure.input(setCartQuantityInput).mutation(async ({ ctx, input }) => {
    if (input.quantity > 0) await checkAvailable(ctx.services, input.productId, input.quantity);
    return cartView(ctx.services, await ctx.services.order.cart.setQuantity.mutate(input));
  }),
} satisfies TRPCRouterRecord;
