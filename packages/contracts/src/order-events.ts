import { z } from "zod";
import { defineMessage } from "./messages";
import { productId } from "./product";

/**
 * Event (order-service, to anyone): an order completed its checkout saga, and is paid. Feeds
 * product-service's popular-products read model and the export to the data platform. Only
 * completed orders are published, so a consumer never has to exclude cancelled ones.
 */
export const orderCompleted = defineMessage({
  type: "order.completed",
  version: 1,
  payload: z.object({
    orderId: z.uuid(),
    userId: z.uuid(),
    lines: z
      .array(
        z.object({
          productId,
          quantity: z.int().min(1),
          unitPriceCents: z.int().min(0),
        }),
      )
      .min(1),
    subtotalCents: z.int().min(0),
    discountCents: z.int().min(0),
    totalCents: z.int().min(0),
    couponId: z.uuid().nullable(),
    placedAt: z.iso.datetime(),
    completedAt: z.iso.datetime(),
  }),
});
