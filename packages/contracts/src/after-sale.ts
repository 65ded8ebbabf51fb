import { z } from "zod";
import { defineMessage } from "./messages";
import { idempotencyKey, MAX_PAYMENT_CENTS } from "./payment";
import { productId } from "./product";
import { MAX_ORDER_LINES, orderLineInput } from "./stock";
import { text } from "./text";

/*
 * After the sale: a completed order is shipped and delivered (admin), cancelled by its shopper
 * until it ships, and refunded by an admin, whole or by line. A cancellation or a refund is a
 * saga of its own in order-service (its id is the refund id, the messages' correlation id):
 * each step a command with its reply, retried until it succeeds, like checkout's compensations.
 *
 *   step    | command             -> reply
 *   --------|--------------------------------------------------------------
 *   payment | payment.refund-part -> payment.part-refunded / part-refund-refused
 *   coupon  | coupon.restore      -> coupon.restored        (a cancellation only)
 *   stock   | stock.restock       -> stock.restocked        (when restocking)
 *
 * When it ends, order-service publishes order.cancelled or order.refunded: the read models take
 * the units off, the data platform receives it (deduplicated by the envelope's message id).
 */

const orderId = z.uuid("Not a valid order id");
const refundId = z.uuid("Not a valid refund id");

/**
 * Command (order-service -> payment-service): give `amountCents` of what `orderId` paid back to
 * its wallet, as refund `refundId`. Idempotent per refundId: credits at most once, and a repeat
 * is answered as the first. The payment's refunds never add up to more than it paid (checked by
 * the database): a refund that would pass it, or one for an order not paid, credits nothing and
 * is answered `payment.part-refund-refused`.
 */
export const paymentRefundPart = defineMessage({
  type: "payment.refund-part",
  version: 1,
  payload: z.object({ orderId, refundId, amountCents: z.int().min(1).max(MAX_PAYMENT_CENTS) }),
});

/** Reply: `amountCents` went back to the wallet; `balanceAfterCents` is the balance right after. */
export const paymentPartRefunded = defineMessage({
  type: "payment.part-refunded",
  version: 1,
  payload: z.object({
    orderId,
    refundId,
    amountCents: z.int().min(1),
    balanceAfterCents: z.int().min(0),
  }),
});

export const partRefundRefusals = ["NOT_PAID", "EXCEEDS_PAYMENT"] as const;

/** Reply: nothing was credited; `refundableCents` is what the payment could still give back. */
export const paymentPartRefundRefused = defineMessage({
  type: "payment.part-refund-refused",
  version: 1,
  payload: z.object({
    orderId,
    refundId,
    reason: z.enum(partRefundRefusals),
    refundableCents: z.int().min(0),
  }),
});

/**
 * Command (order-service -> product-service): put these units of `orderId` back in stock, as
 * refund `refundId`. Never fails for a business reason (an archived product takes its units back
 * all the same); idempotent per refundId. Reply: `stock.restocked`.
 */
export const stockRestock = defineMessage({
  type: "stock.restock",
  version: 1,
  payload: z.object({
    orderId,
    refundId,
    lines: z.array(orderLineInput).min(1).max(MAX_ORDER_LINES),
  }),
});

export const stockRestocked = defineMessage({
  type: "stock.restocked",
  version: 1,
  payload: z.object({ orderId, refundId }),
});

/** What an after-sale event says: which units of which order went back, and for how much. */
const orderReturnPayload = z.object({
  orderId,
  /** The cancellation's or refund's saga id. */
  refundId,
  userId: z.uuid(),
  /** The units taken off the sale, and the money each line gave back (integer cents). */
  lines: z
    .array(
      z.object({
        productId,
        quantity: z.int().min(1),
        /** The unit price it was sold at (order.completed's), before any coupon. */
        unitPriceCents: z.int().min(0),
        /** What this line gave back: its share of what was paid (the coupon's share off). */
        amountCents: z.int().min(0),
      }),
    )
    .min(1),
  amountCents: z.int().min(0),
  /** When the order was sold: order.completed's completedAt (the day its sales counted on). */
  soldAt: z.iso.datetime(),
  /** Whether the units went back in stock. */
  restocked: z.boolean(),
  reason: z.string(),
  /** Who asked: the shopper (a cancellation) or the admin (a refund). */
  requestedBy: z.uuid(),
  requestedAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
});

/** Event (order-service, to anyone): a completed order was cancelled by its shopper, all of it. */
export const orderCancelled = defineMessage({
  type: "order.cancelled",
  version: 1,
  payload: orderReturnPayload,
});

/** Event (order-service, to anyone): an admin refunded these lines of a completed order. */
export const orderRefunded = defineMessage({
  type: "order.refunded",
  version: 1,
  payload: orderReturnPayload,
});

export type OrderReturnEvent = z.infer<typeof orderReturnPayload>;

// ---------------------------------------------------------------------------------------------
// The order service's API for them (and the BFF's, which passes these on).

const carrierText = text().trim().max(100, "At most 100 characters");

export const shipOrderInput = z.object({
  orderId,
  carrier: carrierText.optional(),
  tracking: carrierText.optional(),
});
export type ShipOrderInput = z.input<typeof shipOrderInput>;

export const refundLineInput = z.object({
  productId,
  quantity: z
    .int("Quantity must be a whole number")
    .min(1, "Quantity must be at least 1")
    .max(100_000, "Quantity is too large"),
});

export const refundOrderInput = z.object({
  orderId,
  /** Which units to refund; none: everything not refunded yet. */
  lines: z
    .array(refundLineInput)
    .min(1, "Name at least one line, or none to refund the whole order")
    .max(MAX_ORDER_LINES)
    .refine(
      (lines) => new Set(lines.map((l) => l.productId)).size === lines.length,
      "Each product at most once",
    )
    .optional(),
  /** Put the refunded units back in stock. */
  restock: z.boolean(),
  reason: text().trim().min(1, "Say why").max(500, "At most 500 characters"),
  /** The admin page makes one per refund it means: a double click or a retry refunds once. */
  idempotencyKey: idempotencyKey.optional(),
});
export type RefundOrderInput = z.input<typeof refundOrderInput>;

/** The live admin list asks after the orders it shows that are still moving, in one request. */
export const orderStatesInput = z.object({
  orderIds: z.array(z.uuid("Not a valid order id")).max(200, "At most 200 orders at once"),
});

export const refundStates = ["PENDING", "COMPLETED", "FAILED"] as const;

export const refundViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["cancel", "refund"]),
  state: z.enum(refundStates),
  amountCents: z.int().min(0),
  lines: z.array(z.object({ productId, quantity: z.int().min(1), amountCents: z.int().min(0) })),
  restock: z.boolean(),
  reason: z.string(),
  requestedBy: z.uuid(),
  requestedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  /** Why it failed (the payment refused it), for the admin; null unless FAILED. */
  failure: z.string().nullable(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

export const fulfilmentSchema = z.object({
  carrier: z.string().nullable(),
  tracking: z.string().nullable(),
  shippedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type Fulfilment = z.infer<typeof fulfilmentSchema>;

export const refundStartedSchema = z.object({
  refundId: z.uuid(),
  amountCents: z.int().min(0),
});
export type RefundStarted = z.infer<typeof refundStartedSchema>;
