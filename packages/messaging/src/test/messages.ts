import { createMessage, defineMessage } from "@shop/contracts";
import { randomUUID } from "node:crypto";
import { z } from "zod";

/* Message definitions for the tests: the shapes of a saga's command and event. */

export const chargeCard = defineMessage({
  type: "test.charge-card",
  version: 1,
  payload: z.object({ orderId: z.string().min(1), amountCents: z.int().positive() }),
});

export const cardCharged = defineMessage({
  type: "test.card-charged",
  version: 1,
  payload: z.object({ orderId: z.string().min(1) }),
});

export const charge = (amountCents = 100, orderId: string = randomUUID()) =>
  createMessage(chargeCard, { orderId, amountCents }, { correlationId: orderId });

export const charged = (orderId: string = randomUUID()) =>
  createMessage(cardCharged, { orderId }, { correlationId: orderId });
