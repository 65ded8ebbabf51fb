import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createMessage,
  createReply,
  defineMessage,
  envelopeSchema,
  messageKey,
  type PayloadOf,
} from "./messages";

const payPayment = defineMessage({
  type: "payment.pay",
  version: 1,
  payload: z.object({ orderId: z.uuid(), amountCents: z.int().positive() }),
});
const paymentPaid = defineMessage({
  type: "payment.paid",
  version: 1,
  payload: z.object({ orderId: z.uuid() }),
});

describe("defineMessage", () => {
  it("keeps the type, version and payload schema", () => {
    expect(payPayment.type).toBe("payment.pay");
    expect(messageKey(payPayment)).toBe("payment.pay@1");
    const payload: PayloadOf<typeof payPayment> = { orderId: crypto.randomUUID(), amountCents: 5 };
    expect(payPayment.schema.parse(payload)).toEqual(payload);
  });

  it.each([
    ["a type without an owner", { type: "pay", version: 1 }],
    ["a type with a wildcard", { type: "payment.*", version: 1 }],
    ["an upper-case type", { type: "Payment.pay", version: 1 }],
    ["version 0", { type: "payment.pay", version: 0 }],
    ["a fractional version", { type: "payment.pay", version: 1.5 }],
  ])("refuses %s", (_, d) => {
    expect(() => defineMessage({ ...d, payload: z.object({}) })).toThrow();
  });
});

describe("createMessage", () => {
  const orderId = crypto.randomUUID();

  it("builds a valid envelope for the saga", () => {
    const m = createMessage(payPayment, { orderId, amountCents: 1200 }, { correlationId: orderId });
    expect(envelopeSchema.parse(m)).toEqual(m);
    expect(m).toMatchObject({ type: "payment.pay", version: 1, correlationId: orderId });
    expect(m).not.toHaveProperty("causationId");
  });

  it("refuses a payload its consumers would dead-letter", () => {
    expect(() =>
      createMessage(payPayment, { orderId, amountCents: -1 }, { correlationId: orderId }),
    ).toThrow();
  });

  it("makes a reply part of the same saga, caused by the command", () => {
    const command = createMessage(
      payPayment,
      { orderId, amountCents: 1 },
      { correlationId: orderId },
    );
    const reply = createReply(command, paymentPaid, { orderId });
    expect(reply).toMatchObject({ correlationId: orderId, causationId: command.messageId });
    expect(reply.messageId).not.toBe(command.messageId);
  });
});
