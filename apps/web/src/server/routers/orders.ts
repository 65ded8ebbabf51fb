import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { listMyOrdersInput, listOrdersInput, orderIdInput, placeOrderInput } from "@shop/contracts";
import { cartToPlace, productNames } from "../checkout/early-refusal";
import { adminProcedure, shopperProcedure } from "../trpc";

export const orderRoutes = {
  /**
   * Places the cart as an order, once what can be known before the saga starts is refused
   * (checkout/early-refusal.ts). The same key places one order however often it is sent.
   */
  place: shopperProcedure.input(placeOrderInput).mutation(async ({ ctx, input }) => {
    const cart = await cartToPlace(ctx.services, input.couponId);
    return ctx.services.order.orders.place.mutate({ ...input, names: productNames(cart) });
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
