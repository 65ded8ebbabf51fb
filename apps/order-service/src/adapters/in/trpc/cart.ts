import type { TRPCRouterRecord } from "@trpc/server";
import { addToCartInput, setCartQuantityInput } from "@shop/contracts";
import { addToCart } from "../../../application/add-to-cart";
import { getCart } from "../../../application/get-cart";
import { setCartQuantity } from "../../../application/set-cart-quantity";
import { toCartDto, valueOrThrow } from "./map";
import { userProcedure } from "./trpc";

/** The credential's user's cart; each change answers the cart as it now is. */
export const cartRoutes = {
  get: userProcedure.query(async ({ ctx }) =>
    toCartDto(valueOrThrow(await getCart(ctx.deps, ctx.actor))),
  ),
  add: userProcedure
    .input(addToCartInput)
    .mutation(async ({ ctx, input }) =>
      toCartDto(valueOrThrow(await addToCart(ctx.deps, ctx.actor, input))),
    ),
  setQuantity: userProcedure
    .input(setCartQuantityInput)
    .mutation(async ({ ctx, input }) =>
      toCartDto(valueOrThrow(await setCartQuantity(ctx.deps, ctx.actor, input))),
    ),
} satisfies TRPCRouterRecord;
