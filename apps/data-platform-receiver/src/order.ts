import { z } from "zod";

/*
 * What the data platform accepts: one completed order per POST /orders, under an
 * `Idempotency-Key` header that is the order's id. This is the external system's API as the
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

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** The key: what the sender promises is the same for every retry of one order. */
export const idempotencyKey = z.string().trim().min(1).max(200);
