/*
 * The domain mirrors the contracts' message payloads (saga.ts is pure and cannot import them).
 * The adapters' compile-time checks hold the types equal; this holds the values: every command
 * `decide` generates is a valid contract message with exactly its payload, and every message a
 * contract accepts becomes a domain reply `decide` can take.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMessage, type Envelope } from "@shop/contracts";
import {
  decide,
  newSaga,
  requestRefund,
  type SagaCommand,
  type SagaReply,
  type SagaState,
} from "../domain/saga";
import { REPLY_DEFINITIONS, REPLY_TYPES, sagaReplyOf } from "./in/messaging/replies";
import { COMMAND_DEFINITIONS, commandMessage } from "./out/messaging/commands";

const T0 = new Date("2026-12-01T12:00:00.000Z");
const uuid = fc.uuid({ version: 4 });

const world = fc.record({
  orderId: uuid,
  userId: uuid,
  couponId: fc.option(uuid, { nil: null }),
  lines: fc.uniqueArray(
    fc.record({
      productId: uuid,
      quantity: fc.integer({ min: 1, max: 99 }),
      unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
      name: fc.string({ minLength: 1, maxLength: 20 }),
    }),
    { minLength: 1, maxLength: 5, selector: (l) => l.productId },
  ),
  discountCents: fc.integer({ min: 0, max: 200_000 }),
  /** Where the saga fails: never, or at this step (forcing every compensation before it). */
  failAt: fc.constantFrom("none", "coupon", "payment", "timeout"),
  /** After a completed checkout: nothing, the shopper's cancellation, or an admin's refund. */
  after: fc.constantFrom("none", "cancel", "refund"),
});

/** Drives decide along a generated path, answering each command; returns what it sent. */
function run(w: {
  orderId: string;
  userId: string;
  couponId: string | null;
  lines: { productId: string; quantity: number; unitPriceCents: number; name: string }[];
  discountCents: number;
  failAt: string;
  after: string;
}): SagaCommand[] {
  let state: SagaState = newSaga({
    orderId: w.orderId,
    userId: w.userId,
    couponId: w.couponId,
    lines: w.lines.map(({ productId, quantity, name }) => ({ productId, quantity, name })),
    placedAt: T0,
  });
  const sent: SagaCommand[] = [];
  const step = (input: Parameters<typeof decide>[1]) => {
    const d = decide(state, input);
    state = d.state;
    sent.push(...d.commands);
    return d.commands;
  };
  const now = () => new Date(T0.getTime() + sent.length * 1_000);
  let queue = step({ kind: "start", now: now() });
  for (let i = 0; i < 20 && queue.length > 0; i++) {
    const command = queue.shift() as SagaCommand;
    const reply = answer(command, w);
    if (reply === "timeout") {
      queue = step({ kind: "deadline", now: new Date(now().getTime() + 60_000) });
      continue;
    }
    if (reply) queue.push(...step({ kind: "reply", reply, now: now() }));
  }
  if (state.status !== "COMPLETED" || w.after === "none") return sent;
  if (w.after === "cancel")
    queue = step({ kind: "cancel", refundId: randomUUID(), by: w.userId, now: now() });
  else {
    const refund = requestRefund(state, {
      refundId: randomUUID(),
      lines: null,
      restock: true,
      reason: "damaged",
      by: w.userId,
      now: now(),
    });
    if (!refund.ok) return sent;
    state = refund.value.state;
    sent.push(...refund.value.commands);
    queue = [...refund.value.commands];
  }
  for (let i = 0; i < 10 && queue.length > 0; i++) {
    const reply = answer(queue.shift() as SagaCommand, w);
    if (reply && reply !== "timeout") queue.push(...step({ kind: "reply", reply, now: now() }));
  }
  return sent;
}

function answer(c: SagaCommand, w: Parameters<typeof run>[0]): SagaReply | "timeout" | null {
  switch (c.type) {
    case "stock.reserve":
      return { type: "stock.reserved", orderId: c.orderId, lines: w.lines };
    case "stock.release":
      return { type: "stock.released", orderId: c.orderId };
    case "coupon.use":
      return w.failAt === "coupon"
        ? { type: "coupon.rejected", orderId: c.orderId, couponId: c.couponId, reason: "EXPIRED" }
        : {
            type: "coupon.used",
            orderId: c.orderId,
            couponId: c.couponId,
            discountCents: w.discountCents,
          };
    case "coupon.restore":
      return { type: "coupon.restored", orderId: c.orderId };
    case "payment.pay":
      if (w.failAt === "timeout") return "timeout";
      return w.failAt === "payment"
        ? {
            type: "payment.failed",
            orderId: c.orderId,
            reason: "INSUFFICIENT_BALANCE",
            shortByCents: 1,
          }
        : { type: "payment.paid", orderId: c.orderId, amountCents: c.amountCents };
    case "payment.refund":
      return { type: "payment.refunded", orderId: c.orderId, amountCents: 0 };
    case "payment.refund-part":
      return {
        type: "payment.part-refunded",
        orderId: c.orderId,
        refundId: c.refundId,
        amountCents: c.amountCents,
        balanceAfterCents: 0,
      };
    case "stock.restock":
      return { type: "stock.restocked", orderId: c.orderId, refundId: c.refundId };
    case "order.completed":
    case "order.cancelled":
    case "order.refunded":
      return null;
  }
}

describe("the messaging adapter", () => {
  it("every command decide generates is its contract's message, with exactly its payload", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(world, (w) => {
        for (const command of run(w)) {
          seen.add(command.type);
          const message = commandMessage(command, { now: T0 });
          const { type, ...payload } = command;
          expect(message).toMatchObject({
            type,
            version: COMMAND_DEFINITIONS[type].version,
            correlationId: command.orderId,
            occurredAt: T0.toISOString(),
          });
          // Nothing stripped, nothing added: the domain's shape is the contract's.
          expect(COMMAND_DEFINITIONS[type].schema.parse(payload)).toEqual(payload);
          expect(message.payload).toEqual(payload);
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(Object.keys(COMMAND_DEFINITIONS).sort());
  });

  it("every contract reply becomes the domain reply decide takes, and back", () => {
    const orderId = randomUUID();
    const replies: Record<(typeof REPLY_TYPES)[number], fc.Arbitrary<unknown>> = {
      "stock.reserved": fc.record({
        orderId: fc.constant(orderId),
        lines: fc.array(
          fc.record({
            productId: uuid,
            quantity: fc.integer({ min: 1, max: 99 }),
            unitPriceCents: fc.nat(),
            name: fc.string(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      "stock.rejected": fc.record(
        {
          orderId: fc.constant(orderId),
          reason: fc.constantFrom("OUT_OF_STOCK", "PRODUCT_UNAVAILABLE", "ORDER_RELEASED"),
          productId: uuid,
          available: fc.nat(),
        },
        { requiredKeys: ["orderId", "reason"] },
      ),
      "stock.released": fc.constant({ orderId }),
      "coupon.used": fc.record({
        orderId: fc.constant(orderId),
        couponId: uuid,
        discountCents: fc.nat(),
      }),
      "coupon.rejected": fc.record({
        orderId: fc.constant(orderId),
        couponId: uuid,
        reason: fc.constantFrom(
          "NOT_FOUND",
          "NOT_YOURS",
          "ALREADY_USED",
          "EXPIRED",
          "BELOW_MINIMUM",
          "ORDER_RESTORED",
        ),
      }),
      "coupon.restored": fc.constant({ orderId }),
      "payment.paid": fc.record(
        {
          orderId: fc.constant(orderId),
          amountCents: fc.integer({ min: 1 }),
          balanceAfterCents: fc.nat(),
        },
        { requiredKeys: ["orderId", "amountCents"] },
      ),
      "payment.failed": fc.oneof(
        fc.record({
          orderId: fc.constant(orderId),
          reason: fc.constant("INSUFFICIENT_BALANCE"),
          shortByCents: fc.integer({ min: 1 }),
        }),
        fc.constant({ orderId, reason: "ALREADY_REFUNDED" }),
      ),
      "payment.refunded": fc.record({ orderId: fc.constant(orderId), amountCents: fc.nat() }),
      "payment.part-refunded": fc.record({
        orderId: fc.constant(orderId),
        refundId: uuid,
        amountCents: fc.integer({ min: 1 }),
        balanceAfterCents: fc.nat(),
      }),
      "payment.part-refund-refused": fc.record({
        orderId: fc.constant(orderId),
        refundId: uuid,
        reason: fc.constantFrom("NOT_PAID", "EXCEEDS_PAYMENT"),
        refundableCents: fc.nat(),
      }),
      "stock.restocked": fc.record({ orderId: fc.constant(orderId), refundId: uuid }),
    };
    const any = fc.oneof(
      ...REPLY_TYPES.map((type) => replies[type].map((payload) => ({ type, payload }) as const)),
    );
    fc.assert(
      fc.property(any, ({ type, payload }) => {
        const message: Envelope = createMessage(REPLY_DEFINITIONS[type], payload as never, {
          correlationId: orderId,
        });
        const parsed = sagaReplyOf(message);
        expect(parsed).toEqual({ ok: true, reply: { type, ...(payload as object) } });
        if (!parsed.ok) return;
        // The domain reply, without its type, is the contract's payload again.
        const { type: _type, ...back } = parsed.reply;
        expect(REPLY_DEFINITIONS[type].schema.parse(back)).toEqual(back);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what is not a reply of this saga, with the reason", () => {
    const orderId = randomUUID();
    const released = createMessage(
      REPLY_DEFINITIONS["stock.released"],
      { orderId },
      {
        correlationId: orderId,
      },
    );
    expect(sagaReplyOf({ ...released, type: "stock.reserve" })).toMatchObject({ ok: false });
    expect(sagaReplyOf({ ...released, version: 2 })).toMatchObject({
      ok: false,
      reason: "stock.released@2 is not handled",
    });
    // The payload's own shape is the consumer's check (decodeEnvelope), before any handler.
    expect(sagaReplyOf({ ...released, payload: { orderId: "nope" } })).toMatchObject({
      ok: false,
      reason: `stock.released for nope in saga ${orderId}`,
    });
    expect(sagaReplyOf({ ...released, correlationId: randomUUID() })).toMatchObject({
      ok: false,
    });
  });

  it("a command whose payload breaks its contract fails before it is sent", () => {
    expect(() =>
      commandMessage(
        { type: "payment.pay", orderId: randomUUID(), userId: randomUUID(), amountCents: 0 },
        { now: T0 },
      ),
    ).toThrow();
  });
});
