import { z } from "zod";
import { defineMessage } from "./messages";
import { MAX_STOCK, productId } from "./product";

/*
 * product-service's step of the checkout saga (RabbitMQ). A reservation is recorded per order
 * in the same transaction as the stock change, so a redelivered reserve reserves once and a
 * release gives back exactly what that order took. Quantities are whole items.
 */

const orderId = z.uuid("Not a valid order id");

/** At most this many different products in one order. */
export const MAX_ORDER_LINES = 50;

export const orderLineInput = z.object({
  productId,
  quantity: z
    .int("Quantity must be a whole number")
    .min(1, "Quantity must be at least 1")
    .max(MAX_STOCK, `Quantity must be at most ${MAX_STOCK}`),
});
export type OrderLineInput = z.infer<typeof orderLineInput>;

/**
 * Command (order-service -> product-service): reserve every line, or none. Replied to with
 * `stock.reserved` (the unit prices it reserved at: the order's total never trusts the
 * browser) or `stock.rejected`. Idempotent per orderId: a second reserve for the same order
 * answers what the first one did.
 */
export const stockReserve = defineMessage({
  type: "stock.reserve",
  version: 1,
  payload: z.object({
    orderId,
    lines: z
      .array(orderLineInput)
      .min(1, "An order has at least one line")
      .max(MAX_ORDER_LINES, `At most ${MAX_ORDER_LINES} lines`)
      .refine(
        (lines) => new Set(lines.map((l) => l.productId)).size === lines.length,
        "Each product at most once per order",
      ),
  }),
});

export const reservedLine = z.object({
  productId,
  quantity: z.int().min(1),
  /** The product's price when it was reserved, in cents: what the order is charged. */
  unitPriceCents: z.int().min(0),
  name: z.string(),
});
export type ReservedLine = z.infer<typeof reservedLine>;

/** Reply: every line is reserved, at these prices. */
export const stockReserved = defineMessage({
  type: "stock.reserved",
  version: 1,
  payload: z.object({ orderId, lines: z.array(reservedLine).min(1) }),
});

/**
 * Why nothing was reserved:
 * - OUT_OF_STOCK: `productId` has only `available` left;
 * - PRODUCT_UNAVAILABLE: `productId` is unknown or archived;
 * - ORDER_RELEASED: a release for this order came first (the saga gave up on it), so this
 *   late reserve reserves nothing.
 */
export const stockRejectReasons = [
  "OUT_OF_STOCK",
  "PRODUCT_UNAVAILABLE",
  "ORDER_RELEASED",
] as const;
export type StockRejectReason = (typeof stockRejectReasons)[number];

export const stockRejected = defineMessage({
  type: "stock.rejected",
  version: 1,
  payload: z.object({
    orderId,
    reason: z.enum(stockRejectReasons),
    productId: productId.optional(),
    available: z.int().min(0).optional(),
  }),
});

/**
 * Compensation: give back what this order reserved. Never fails for a business reason;
 * releasing twice releases once; releasing an order that reserved nothing records it so that a
 * late reserve for it is refused (ORDER_RELEASED). Reply: `stock.released`.
 */
export const stockRelease = defineMessage({
  type: "stock.release",
  version: 1,
  payload: z.object({ orderId }),
});

export const stockReleased = defineMessage({
  type: "stock.released",
  version: 1,
  payload: z.object({ orderId }),
});
