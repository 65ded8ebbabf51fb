import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import {
  listMyOrdersInput,
  listOrdersInput,
  orderIdInput,
  orderStatesInput,
  placeOrderInput,
  refundOrderInput,
  shipOrderInput,
} from "@shop/contracts";
import { cartToPlace, productNames } from "../checkout/early-refusal";
import { withRequesterNames } from "../orders/requester-names";
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
  /**
   * The shopper cancels their own order until it ships: answers the order as it is after the
   * cancel starts (CANCELLING, or COMPENSATING while its checkout still ran). Asking again is
   * the same cancel. Whose order it is comes from the credential: another's is NOT_FOUND.
   */
  cancel: shopperProcedure
    .input(orderIdInput)
    .mutation(({ ctx, input }) => ctx.services.order.orders.cancel.mutate(input)),
} satisfies TRPCRouterRecord;

export const adminOrderRoutes = {
  list: adminProcedure
    .input(listOrdersInput)
    .query(({ ctx, input }) => ctx.services.order.admin.orders.list.query(input)),
  get: adminProcedure
    .input(orderIdInput)
    .query(async ({ ctx, input }) =>
      withRequesterNames(ctx.services, await ctx.services.order.admin.orders.get.query(input)),
    ),
  /** The live list's one small request: the state of each order it shows that still moves. */
  states: adminProcedure
    .input(orderStatesInput)
    .query(({ ctx, input }) =>
      input.orderIds.length === 0 ? [] : ctx.services.order.admin.orders.states.query(input),
    ),
  ship: adminProcedure
    .input(shipOrderInput)
    .mutation(async ({ ctx, input }) =>
      withRequesterNames(ctx.services, await ctx.services.order.admin.orders.ship.mutate(input)),
    ),
  deliver: adminProcedure
    .input(orderIdInput)
    .mutation(async ({ ctx, input }) =>
      withRequesterNames(ctx.services, await ctx.services.order.admin.orders.deliver.mutate(input)),
    ),
  /** Starts a refund (a saga of its own): answers its id and the amount it gives back. */
  refund: adminProcedure
    .input(refundOrderInput)
    .mutation(({ ctx, input }) => ctx.services.order.admin.orders.refund.mutate(input)),
} satisfies TRPCRouterRecord;
