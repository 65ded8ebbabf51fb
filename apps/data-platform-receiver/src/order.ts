import { z } from "zod";

/*
 * What the data platform accepts: one completed order per POST /orders, under an
 * `Idempotency-Key` header that is the order's id; one cancellation or refund of an order per
 * POST /order-events, under an `Idempotency-Key` that is the event's id. This is the external system's API as the
 * stand-in defines it; order-service's HTTP adapter writes this shape, and its integration test
 * sends real exports here, so a drift fails there.
 */

const cents = z.int().min(0);

export const platformOrder = z.object({
  orderId: z.uuid(),
  userId: z.uuid(),
  currency: z.literal("USD"),
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        quantity: z.int().min(1),
        unitPriceCents: cents,
      }),
    )
    .min(1),
  subtotalCents: cents,
  discountCents: cents,
  totalCents: cents,
  couponId: z.uuid().nullable(),
  placedAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
});

export type PlatformOrder = z.infer<typeof platformOrder>;

const time = z.iso.datetime();

/**
 * A cancellation (by the shopper, all of the order) or a refund (by an admin, some lines): the
 * order.cancelled / order.refunded event as order-service exports it. Every event has an id of
 * its own: two refunds of one order are two events, a redelivery of one is one.
 */
export const platformOrderEvent = z.object({
  type: z.enum(["cancelled", "refunded"]),
  eventId: z.uuid(),
  orderId: z.uuid(),
  refundId: z.uuid(),
  userId: z.uuid(),
  currency: z.literal("USD"),
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        quantity: z.int().min(1),
        unitPriceCents: cents,
        amountCents: cents,
      }),
    )
    .min(1),
  amountCents: cents,
  soldAt: time,
  restocked: z.boolean(),
  reason: z.string().max(2_000),
  requestedBy: z.uuid(),
  requestedAt: time,
  completedAt: time,
});

export type PlatformOrderEvent = z.infer<typeof platformOrderEvent>;

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** The key: what the sender promises is the same for every retry of one order. */
export const idempotencyKey = z.string().trim().min(1).max(200);
