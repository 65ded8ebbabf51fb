import type { TRPCRouterRecord } from "@trpc/server";
import { validationFailed } from "@shop/kernel";
import { activeTraceId } from "@shop/service-kit/trace-context";
import { commonTRPCError } from "@shop/service-kit/trpc-errors";
import {
  decodeOrderCursor,
  listMyOrdersInput,
  listOrdersInput,
  NOT_A_CURSOR,
  orderIdInput,
  orderStatesInput,
  placeOrderServiceInput,
  refundOrderInput,
  shipOrderInput,
  type OrderStates,
  type RefundStarted,
  runningSagasInput,
  type RunningSagasView,
} from "@shop/contracts";
import { cancelOrder } from "../../../application/cancel-order";
import { deliverOrder } from "../../../application/deliver-order";
import { getMyOrder } from "../../../application/get-my-order";
import { listOrderStates } from "../../../application/list-order-states";
import { refundOrder } from "../../../application/refund-order";
import { shipOrder } from "../../../application/ship-order";
import { getOrderForAdmin } from "../../../application/get-order-for-admin";
import { listMyOrders } from "../../../application/list-my-orders";
import { listOrders } from "../../../application/list-orders";
import { listRunningSagas } from "../../../application/list-running-sagas";
import { placeCartOrder } from "../../../application/place-cart-order";
import { toAdminOrderDto, toOrderDetailDto, toOrderPageDto, valueOrThrow } from "./map";
import { adminProcedure, userProcedure } from "./trpc";

/** The position the previous page's cursor holds; none for the newest page. */
function positionOf(cursor: string | undefined) {
  if (cursor === undefined) return {};
  const before = decodeOrderCursor(cursor);
  // The input's schema refused every cursor that does not decode: this is a 400 all the same.
  if (!before) throw commonTRPCError(validationFailed({ cursor: [NOT_A_CURSOR] }));
  return { before };
}

/** The credential's user's orders: place the cart, list, read one with its timeline. */
export const orderRoutes = {
  place: userProcedure.input(placeOrderServiceInput).mutation(async ({ ctx, input }) =>
    valueOrThrow(
      await placeCartOrder(ctx.deps, ctx.actor, {
        idempotencyKey: input.idempotencyKey,
        couponId: input.couponId ?? null,
        ...(input.names ? { names: input.names } : {}),
        // The request's trace (the checkout's, continued from the BFF), for the saga inspector.
        traceId: activeTraceId(),
      }),
    ),
  ),
  mine: userProcedure.input(listMyOrdersInput).query(async ({ ctx, input }) =>
    toOrderPageDto(
      valueOrThrow(
        await listMyOrders(ctx.deps, ctx.actor, {
          limit: input.limit,
          ...positionOf(input.cursor),
        }),
      ),
    ),
  ),
  get: userProcedure
    .input(orderIdInput)
    .query(async ({ ctx, input }) =>
      toOrderDetailDto(valueOrThrow(await getMyOrder(ctx.deps, ctx.actor, input.orderId))),
    ),
  cancel: userProcedure
    .input(orderIdInput)
    .mutation(async ({ ctx, input }) =>
      toOrderDetailDto(valueOrThrow(await cancelOrder(ctx.deps, ctx.actor, input.orderId))),
    ),
} satisfies TRPCRouterRecord;

/** The sagas not terminal yet, oldest first (admins: the operations console). */
export const adminSagaRoutes = {
  running: adminProcedure
    .input(runningSagasInput)
    .query(async ({ ctx, input }): Promise<RunningSagasView> => {
      const { total, sagas } = valueOrThrow(
        await listRunningSagas(ctx.deps, ctx.actor, input.limit),
      );
      return {
        total,
        sagas: sagas.map((s) => ({
          ...s,
          deadline: s.deadline?.toISOString() ?? null,
          placedAt: s.placedAt.toISOString(),
          updatedAt: s.updatedAt.toISOString(),
        })),
      };
    }),
} satisfies TRPCRouterRecord;

/** Every order, with the saga's whole log (admins). */
export const adminOrderRoutes = {
  list: adminProcedure.input(listOrdersInput).query(async ({ ctx, input }) =>
    toOrderPageDto(
      valueOrThrow(
        await listOrders(ctx.deps, ctx.actor, {
          limit: input.limit,
          ...(input.state ? { status: input.state } : {}),
          ...positionOf(input.cursor),
        }),
      ),
    ),
  ),
  get: adminProcedure
    .input(orderIdInput)
    .query(async ({ ctx, input }) =>
      toAdminOrderDto(valueOrThrow(await getOrderForAdmin(ctx.deps, ctx.actor, input.orderId))),
    ),
  ship: adminProcedure.input(shipOrderInput).mutation(async ({ ctx, input }) =>
    toAdminOrderDto(
      valueOrThrow(
        await shipOrder(ctx.deps, ctx.actor, {
          orderId: input.orderId,
          carrier: input.carrier || null,
          tracking: input.tracking || null,
        }),
      ),
    ),
  ),
  deliver: adminProcedure
    .input(orderIdInput)
    .mutation(async ({ ctx, input }) =>
      toAdminOrderDto(valueOrThrow(await deliverOrder(ctx.deps, ctx.actor, input.orderId))),
    ),
  refund: adminProcedure
    .input(refundOrderInput)
    .mutation(async ({ ctx, input }): Promise<RefundStarted> =>
      valueOrThrow(
        await refundOrder(ctx.deps, ctx.actor, {
          orderId: input.orderId,
          lines: input.lines ?? null,
          restock: input.restock,
          reason: input.reason,
          idempotencyKey: input.idempotencyKey ?? null,
        }),
      ),
    ),
  /** The live list's one small request: where the rows it shows that still move stand. */
  states: adminProcedure
    .input(orderStatesInput)
    .query(async ({ ctx, input }): Promise<OrderStates> =>
      valueOrThrow(await listOrderStates(ctx.deps, ctx.actor, input.orderIds)).map((s) => ({
        id: s.id,
        state: s.status,
        updatedAt: s.updatedAt.toISOString(),
      })),
    ),
} satisfies TRPCRouterRecord;
