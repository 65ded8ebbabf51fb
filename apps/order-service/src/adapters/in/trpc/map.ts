import {
  encodeOrderCursor,
  type AdminOrderDetail,
  type Cart,
  type CancelReason,
  type OrderDetail,
  type OrderPage as OrderPageDto,
  type OrderSummary,
  type SagaLogEntry as SagaLogEntryDto,
} from "@shop/contracts";
import { commonTRPCError, DomainTRPCError, valueOrThrowWith } from "@shop/service-kit/trpc-errors";
import type { OrderError } from "../../../domain/errors";
import type { CancelReasonCode, SagaLogEntry } from "../../../domain/saga";
import type { CartLine, OrderRecord, OrderSummaryRecord } from "../../../application/ports";
import type { OrderPage } from "../../../application/order-page";
import type { AdminOrderView, OrderView } from "../../../application/views";

function toTRPCError(e: OrderError) {
  switch (e.code) {
    case "FORBIDDEN":
      return new DomainTRPCError({ code: "FORBIDDEN", errorCode: e.code, message: e.message });
    case "CART_CHANGED":
      // On the lines, as the checkout form shows a refused cart (and reads the cart again).
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: e.message,
        fieldErrors: { lines: [e.message] },
      });
    case "ORDER_NOT_CANCELLABLE":
    case "ORDER_STATE_CONFLICT":
    case "ALREADY_REFUNDED":
      return new DomainTRPCError({ code: "CONFLICT", errorCode: e.code, message: e.message });
    default:
      return commonTRPCError(e);
  }
}

export const valueOrThrow = valueOrThrowWith(toTRPCError);

/** The domain's precise reasons, as the few a shopper's page tells apart. */
export const CANCEL_REASONS: Record<CancelReasonCode, CancelReason> = {
  OUT_OF_STOCK: "OUT_OF_STOCK",
  PRODUCT_UNAVAILABLE: "PRODUCT_UNAVAILABLE",
  COUPON_NOT_FOUND: "COUPON_REJECTED",
  COUPON_NOT_YOURS: "COUPON_REJECTED",
  COUPON_ALREADY_USED: "COUPON_REJECTED",
  COUPON_EXPIRED: "COUPON_REJECTED",
  COUPON_BELOW_MINIMUM: "COUPON_REJECTED",
  INSUFFICIENT_BALANCE: "INSUFFICIENT_BALANCE",
  STOCK_TIMEOUT: "TIMED_OUT",
  COUPON_TIMEOUT: "TIMED_OUT",
  PAYMENT_TIMEOUT: "TIMED_OUT",
  STEP_REFUSED: "REFUSED",
  CANCELLED_BY_SHOPPER: "CANCELLED_BY_SHOPPER",
};

export const toCartDto = (lines: CartLine[]): Cart => ({
  lines: lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    addedAt: l.addedAt.toISOString(),
  })),
});

const summaryFields = (o: Omit<OrderRecord, "lines" | "traceId">) => ({
  id: o.id,
  state: o.status,
  subtotalCents: o.subtotalCents,
  discountCents: o.discountCents,
  totalCents: o.totalCents,
  placedAt: o.placedAt.toISOString(),
  cancelReason: o.reasonCode ? CANCEL_REASONS[o.reasonCode as CancelReasonCode] : null,
  cancelMessage: o.reasonMessage,
  refundedCents: o.refundedCents,
});

export const toOrderSummaryDto = (o: OrderSummaryRecord): OrderSummary => ({
  ...summaryFields(o),
  itemCount: o.itemCount,
});

export const toOrderPageDto = (page: OrderPage): OrderPageDto => ({
  orders: page.orders.map(toOrderSummaryDto),
  nextCursor: page.next ? encodeOrderCursor(page.next) : null,
});

export const toOrderDetailDto = (o: OrderView): OrderDetail => ({
  ...summaryFields(o),
  itemCount: o.lines.reduce((n, l) => n + l.quantity, 0),
  couponId: o.couponId,
  lines: o.lines.map((l) => ({
    productId: l.productId,
    // Before stock is reserved the order knows only what the shopper asked for.
    name: l.name ?? "",
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents ?? 0,
  })),
  timeline: o.timeline,
  fulfilment: o.fulfilment,
  refunds: o.returns.map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.status,
    amountCents: r.amountCents,
    lines: r.lines.map(({ productId, quantity, amountCents }) => ({
      productId,
      quantity,
      amountCents,
    })),
    restock: r.restock,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    completedAt: r.completedAt,
    failure: r.failure,
  })),
});

const DIRECTION = {
  command: "sent",
  reply: "received",
  deadline: "deadline",
  resume: "resumed",
  status: "status",
} as const satisfies Record<SagaLogEntry["kind"], SagaLogEntryDto["direction"]>;

export const toAdminOrderDto = (o: AdminOrderView): AdminOrderDetail => ({
  ...toOrderDetailDto(o),
  userId: o.userId,
  completedAt: o.completedAt?.toISOString() ?? null,
  cancelCode: o.reasonCode,
  traceId: o.traceId,
  saga: o.saga,
  log: o.log.map((e) => ({
    at: e.at,
    direction: DIRECTION[e.kind],
    type: e.type,
    attempt: e.attempt ?? null,
    messageId: e.messageId ?? null,
    note: e.detail ?? null,
    refundId: e.refundId ?? null,
  })),
});
