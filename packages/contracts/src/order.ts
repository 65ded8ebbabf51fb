import { z } from "zod";
import { fulfilmentSchema, refundViewSchema } from "./after-sale";
import { MAX_CART_QUANTITY } from "./display";
import { couponId } from "./coupon";
import { idempotencyKey } from "./payment";
import { productId } from "./product";
import { MAX_ORDER_LINES } from "./stock";
import { text } from "./text";

/*
 * order-service's API for the BFF: the shopper's cart (kept by order-service, so it follows
 * the shopper across browsers), placing an order, and reading orders with their saga timeline.
 * Whose cart or order it is comes only from the verified credential, never from input.
 */

export { MAX_CART_QUANTITY };

const cartQuantity = z
  .int("Quantity must be a whole number")
  .min(1, "Quantity must be at least 1")
  .max(MAX_CART_QUANTITY, `At most ${MAX_CART_QUANTITY} of one product`);

/** Adds `quantity` of a product (to what the cart holds already). */
export const addToCartInput = z.object({ productId, quantity: cartQuantity.default(1) });
export type AddToCartInput = z.input<typeof addToCartInput>;

/** Sets a line's quantity; 0 removes it. */
export const setCartQuantityInput = z.object({
  productId,
  quantity: z
    .int("Quantity must be a whole number")
    .min(0, "Quantity cannot be negative")
    .max(MAX_CART_QUANTITY, `At most ${MAX_CART_QUANTITY} of one product`),
});
export type SetCartQuantityInput = z.input<typeof setCartQuantityInput>;

export const cartSchema = z.object({
  lines: z
    .array(z.object({ productId, quantity: z.int().min(1), addedAt: z.iso.datetime() }))
    .max(MAX_ORDER_LINES),
});
export type Cart = z.infer<typeof cartSchema>;

/**
 * Places the cart as an order. The lines are the cart's as order-service holds it, and the
 * prices are the ones product-service reserves at: nothing the browser says about an amount is
 * trusted. The checkout page makes one key when it is shown and sends it with every attempt,
 * so a double click or a retried request places one order.
 */
export const placeOrderInput = z.object({
  idempotencyKey,
  couponId: couponId.nullish(),
});
export type PlaceOrderInput = z.input<typeof placeOrderInput>;

/**
 * What the BFF sends order-service: the shopper's input and the product names it read from
 * product-service, used only in the shopper's sentences ("Only 3 left of Linen Apron").
 */
export const placeOrderServiceInput = placeOrderInput.extend({
  names: z.record(productId, text().max(200)).optional(),
});
export type PlaceOrderServiceInput = z.input<typeof placeOrderServiceInput>;

export const placeOrderResult = z.object({ orderId: z.uuid(), replayed: z.boolean() });
export type PlaceOrderResult = z.infer<typeof placeOrderResult>;

export const orderIdInput = z.object({ orderId: z.uuid("Not a valid order id") });

export const orderStates = [
  "PENDING",
  "STOCK_RESERVED",
  "COUPON_APPLIED",
  "PAID",
  "COMPLETED",
  "COMPENSATING",
  "CANCELLED",
  /** After the sale (after-sale.ts): the shopper's cancellation of a completed order runs. */
  "CANCELLING",
  "SHIPPED",
  "DELIVERED",
] as const;
export const orderState = z.enum(orderStates);
export type OrderState = z.infer<typeof orderState>;

/** Why an order was cancelled, as a code; each comes with a sentence a shopper understands. */
export const cancelReasons = [
  "OUT_OF_STOCK",
  "PRODUCT_UNAVAILABLE",
  "COUPON_REJECTED",
  "INSUFFICIENT_BALANCE",
  "TIMED_OUT",
  /** A participant refused a step for a reason the shopper cannot act on. */
  "REFUSED",
  /** The shopper cancelled it. */
  "CANCELLED_BY_SHOPPER",
] as const;
export type CancelReason = (typeof cancelReasons)[number];

export const orderLineSchema = z.object({
  productId,
  name: z.string(),
  quantity: z.int().min(1),
  unitPriceCents: z.int().min(0),
});

export const orderSummarySchema = z.object({
  id: z.uuid(),
  state: orderState,
  /** Known once stock is reserved (the reserved prices); null before. */
  subtotalCents: z.int().min(0).nullable(),
  discountCents: z.int().min(0),
  totalCents: z.int().min(0).nullable(),
  itemCount: z.int().min(1),
  placedAt: z.iso.datetime(),
  cancelReason: z.enum(cancelReasons).nullable(),
  /** "Not enough balance: charge $12.40 more." */
  cancelMessage: z.string().nullable(),
  /** What went back to the wallet so far, of totalCents paid (cancellations and refunds). */
  refundedCents: z.int().min(0),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** One step of the saga as the shopper's timeline shows it. */
export const timelineStepSchema = z.object({
  step: z.enum([
    "reserve-stock",
    "use-coupon",
    "pay",
    "release-stock",
    "restore-coupon",
    "refund",
    "ship",
    "deliver",
  ]),
  status: z.enum(["waiting", "done", "failed", "skipped"]),
  at: z.iso.datetime().nullable(),
});

export const orderDetailSchema = orderSummarySchema.extend({
  lines: z.array(orderLineSchema),
  couponId: couponId.nullable(),
  timeline: z.array(timelineStepSchema),
  fulfilment: fulfilmentSchema,
  /** The order's cancellation and refunds, oldest first. */
  refunds: z.array(refundViewSchema),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

/** For the admin: every command, reply, compensation and retry of the saga, with times. */
export const sagaLogEntrySchema = z.object({
  at: z.iso.datetime(),
  /**
   * sent: a command (attempt > 1 is a retry); received: a reply; deadline: a step overdue;
   * resumed: the orchestrator restarted and asks the awaited step again; status: the order moved.
   */
  direction: z.enum(["sent", "received", "deadline", "resumed", "status"]),
  type: z.string(),
  attempt: z.int().min(1).nullable(),
  messageId: z.uuid().nullable(),
  note: z.string().nullable(),
  /** The cancellation or refund the entry belongs to; null: the checkout's own. */
  refundId: z.uuid().nullable(),
});
export type SagaLogEntry = z.infer<typeof sagaLogEntrySchema>;

export const adminOrderDetailSchema = orderDetailSchema.extend({
  userId: z.uuid(),
  completedAt: z.iso.datetime().nullable(),
  cancelCode: z.string().nullable(),
  /** The W3C trace id of the checkout that placed the order; null when tracing was off. */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullable(),
  saga: z.object({
    version: z.int().min(0),
    step: z.string().nullable(),
    deadline: z.iso.datetime().nullable(),
  }),
  log: z.array(sagaLogEntrySchema),
});
export type AdminOrderDetail = z.infer<typeof adminOrderDetailSchema>;

/*
 * Order lists are newest first, a page at a time, cut by keyset over (placedAt, id): placedAt
 * alone is not a position, since orders placed in the same millisecond (common under load)
 * tie, and a page boundary between them skipped or repeated orders. A page's `nextCursor` names
 * its last order; the next page is the orders strictly after it in (placedAt DESC, id DESC)
 * order. The cursor is opaque to clients (base64url of "<placedAt ISO>_<id>"): pass it back as
 * it came, so the position it holds can change without breaking them.
 */

export const NOT_A_CURSOR = "Not a valid cursor";

/** Where a page of orders ends: its last order's placedAt and id. */
export interface OrderPosition {
  placedAt: Date;
  id: string;
}

const POSITION =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/;
/** Every cursor is 82 characters: a longer text is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 100;

// btoa/atob: in Node and in browsers alike. Their text here is ASCII only.
const toBase64Url = (text: string) =>
  btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

export function encodeOrderCursor(position: OrderPosition): string {
  return toBase64Url(`${position.placedAt.toISOString()}_${position.id.toLowerCase()}`);
}

/**
 * The position a cursor holds; null when it is not one encodeOrderCursor makes (only the
 * canonical spelling is accepted, so one position has one cursor).
 */
export function decodeOrderCursor(cursor: string): OrderPosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const match = POSITION.exec(text);
  if (!match?.[1] || !match[2] || toBase64Url(text) !== cursor) return null;
  const placedAt = new Date(match[1]);
  // "2026-02-31T..." parses to a date in March: not a time any order was placed at.
  if (Number.isNaN(placedAt.getTime()) || placedAt.toISOString() !== match[1]) return null;
  return { placedAt, id: match[2] };
}

export const orderCursor = z
  .string(NOT_A_CURSOR)
  .refine((cursor) => decodeOrderCursor(cursor) !== null, NOT_A_CURSOR);

const pageInput = {
  /** The previous page's nextCursor; omitted for the newest page. */
  cursor: orderCursor.optional(),
  /**
   * The placedAt paging this cursor replaced. Refused, not ignored: a client still paging by it
   * would be answered the newest page again and again.
   */
  before: z
    .undefined({ error: "Not supported any more: pass the previous page's nextCursor as cursor" })
    .optional(),
  limit: z.int().min(1).max(100).default(20),
};

export const listMyOrdersInput = z.object(pageInput);
export type ListMyOrdersInput = z.input<typeof listMyOrdersInput>;

export const listOrdersInput = z.object({ state: orderState.optional(), ...pageInput });
export type ListOrdersInput = z.input<typeof listOrdersInput>;

export const orderPageSchema = z.object({
  orders: z.array(orderSummarySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: orderCursor.nullable(),
});
export type OrderPage = z.infer<typeof orderPageSchema>;

/** The answer to after-sale.ts's orderStatesInput (here: it needs orderState). */
export const orderStatesSchema = z.array(
  z.object({ id: z.uuid(), state: orderState, updatedAt: z.iso.datetime() }),
);
export type OrderStates = z.infer<typeof orderStatesSchema>;
