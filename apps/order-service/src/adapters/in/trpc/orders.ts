import type { TRPCRouterRecord } from "@trpc/server";
import {
  listMyOrdersInput,
  listOrdersInput,
  orderIdInput,
  placeOrderServiceInput,
} from "@shop/contracts";
import { getMyOrder } from "../../../application/get-my-order";
import { getOrderForAdmin } from "../../../application/get-order-for-admin";
import { listMyOrders } from "../../../application/list-my-orders";
import { listOrders } from "../../../application/list-orders";
import { placeCartOrder } from "../../../application/place-cart-order";
import { toAdminOrderDto, toOrderDetailDto, toOrderSummaryDto, valueOrThrow } from "./map";
import { adminProcedure, userProcedure } from "./trpc";

const dateOf = (iso: string | undefined) => (iso === undefined ? {} : { before: new Date(iso) });

/** The credential's user's orders: place the cart, list, read one with its timeline. */
export const orderRoutes = {
  place: userProcedure.input(placeOrderServiceInput).mutation(async ({ ctx, input }) =>
    valueOrThrow(
      await placeCartOrder(ctx.deps, ctx.actor, {
        idempotencyKey: input.idempotencyKey,
        couponId: input.couponId ?? null,
        ...(input.names ? { names: input.names } : {}),
      }),
    ),
  ),
  mine: userProcedure
    .input(listMyOrdersInput)
    .query(async ({ ctx, input }) =>
      valueOrThrow(
        await listMyOrders(ctx.deps, ctx.actor, { limit: input.limit, ...dateOf(input.before) }),
      ).map(toOrderSummaryDto),
    ),
  get: userProcedure
    .input(orderIdInput)
    .query(async ({ ctx, input }) =>
      toOrderDetailDto(valueOrThrow(await getMyOrder(ctx.deps, ctx.actor, input.orderId))),
    ),
} satisfies TRPCRouterRecord;

/** Every order, with the saga's whole log (admins). */
export const adminOrderRoutes = {
  list: adminProcedure.input(listOrdersInput).query(async ({ ctx, input }) =>
    valueOrThrow(
      await listOrders(ctx.deps, ctx.actor, {
        limit: input.limit,
        ...(input.state ? { status: input.state } : {}),
        ...dateOf(input.before),
      }),
    ).map(toOrderSummaryDto),
  ),
  get: adminProcedure
    .input(orderIdInput)
    .query(async ({ ctx, input }) =>
      toAdminOrderDto(valueOrThrow(await getOrderForAdmin(ctx.deps, ctx.actor, input.orderId))),
    ),
} satisfies TRPCRouterRecord;
