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

describe("envelope trace context", () => {
  const orderId = crypto.randomUUID();
  const message = createMessage(
    payPayment,
    { orderId, amountCents: 5 },
    { correlationId: orderId },
  );
  const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  it("keeps a W3C trace context (parsing does not strip it)", () => {
    const traced = { ...message, trace: { traceparent, tracestate: "shop=1" } };
    expect(envelopeSchema.parse(traced).trace).toEqual({ traceparent, tracestate: "shop=1" });
  });

  it("still parses a message without one (older senders, tracing off)", () => {
    expect(message).not.toHaveProperty("trace");
    expect(envelopeSchema.parse(message)).toEqual(message);
  });

  it("refuses a trace context without its traceparent", () => {
    expect(envelopeSchema.safeParse({ ...message, trace: { tracestate: "x" } }).success).toBe(
      false,
    );
  });
});
