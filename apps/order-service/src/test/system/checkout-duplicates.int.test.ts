import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import {
  couponRestore,
  couponRestored,
  couponUse,
  couponUsed,
  couponRejected,
  paymentFailed,
  paymentPaid,
  paymentPay,
  paymentRefund,
  paymentRefunded,
  stockRejected,
  stockRelease,
  stockReleased,
  stockReserve,
  stockReserved,
  type Envelope,
} from "@shop/contracts";
import { FIXED_300, describeOn, useSagaStack } from "./saga-suite";
import {
  balanceOf,
  claimCoupon,
  commandsSent,
  couponsUsedBy,
  createCampaign,
  createProduct,
  eventually,
  ledgerFor,
  newShopper,
  reservations,
  place,
  sagaLog,
  settled,
  stockOf,
  tap,
} from "./shop";
import { STACK_SERVICES, type StackService } from "./stack";

/*
 * The checkout saga when its messages arrive twice: every command and reply of two orders
 * duplicated on the broker of a real stack (two instances of each service, stack.ts), and each
 * step still taking effect once. One order's outcomes are checkout.int.test.ts's.
 * RabbitMQ only: the duplicates are published on the broker, which an embedded host has not.
 */

const t = useSagaStack();
const { completed } = t;

// Each test states its own timeout: a saga crosses eight processes on a two-core machine (and
// vitest's default of 15 s is the services' unit tests' budget, not this).

describeOn("rabbitmq")("checkout saga over real processes", () => {
  it("duplicated replies and commands: no step takes effect twice (one reservation, one coupon use, one debit; each forward command sent once)", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 20 });
    const campaign = await createCampaign(stack, { discount: FIXED_300 });
    const rich = await newShopper(stack, 10_000);
    const poor = await newShopper(stack, 1_000);
    const richCoupon = await claimCoupon(stack, rich, campaign);
    const poorCoupon = await claimCoupon(stack, poor, campaign);
    const paid: string = randomUUID();
    const refused: string = randomUUID();

    // Every command and reply of these two orders is published twice more while the original is
    // handled: as it is (same message id: a redelivery, the inbox's case) and under a new id (a
    // re-send, the business key's case: one reservation, use, payment per order). A participant
    // answers a re-sent command again, and that answer is duplicated in turn.
    const copies = new Set<string>();
    const duplicated: string[] = [];
    const renamed: { type: string; messageId: string }[] = [];
    const duplicator = await tap(stack, SAGA_MESSAGES, async (message: Envelope, self) => {
      if (![paid, refused].includes(message.correlationId) || copies.has(message.messageId)) return;
      const copy = { ...message, messageId: randomUUID() };
      copies.add(message.messageId).add(copy.messageId);
      duplicated.push(message.type);
      renamed.push({ type: message.type, messageId: copy.messageId });
      await self.publish([message, copy]);
    });
    try {
      await Promise.all([
        place(stack, {
          orderId: paid,
          userId: rich,
          lines: [{ productId: product.id, quantity: 2 }],
          couponId: richCoupon,
        }),
        place(stack, {
          orderId: refused,
          userId: poor,
          lines: [{ productId: product.id, quantity: 3 }],
          couponId: poorCoupon,
        }),
      ]);
      const done = await settled(stack, [paid, refused]);
      expect(done.map((o) => [o.status, o.reasonCode])).toEqual([
        ["COMPLETED", null],
        ["CANCELLED", "INSUFFICIENT_BALANCE"],
      ]);
      // Before looking at the effects, every copy must have been handled: each step duplicated,
      // every renamed copy in its consumer's inbox, no answer to one still in an outbox, and no
      // new copy made meanwhile.
      await eventually("every copy handled", async () => {
        const made = renamed.length;
        if (!DUPLICATED_STEPS.every((type) => duplicated.includes(type))) return undefined;
        for (const service of STACK_SERVICES) {
          const ids = renamed.filter((r) => consumerOf(r.type) === service).map((r) => r.messageId);
          const inbox = await stack
            .sql(service)
            .query<{ n: number }>(
              "SELECT count(*)::int AS n FROM inbox WHERE message_id = ANY($1::uuid[])",
              [ids],
            );
          const unsent = await stack
            .sql(service)
            .query<{ n: number }>(
              "SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND message->>'correlationId' = ANY($1)",
              [[paid, refused]],
            );
          if (inbox.rows[0]?.n !== ids.length || unsent.rows[0]?.n !== 0) return undefined;
        }
        return renamed.length === made || undefined;
      });
    } finally {
      await duplicator.close();
    }

    // Each step was duplicated, forward and compensating, and each reply.
    expect(new Set(duplicated)).toEqual(new Set(DUPLICATED_STEPS));
    // The saga acted on each reply once and sent each command once.
    expect(await commandsSent(stack, paid)).toEqual([
      "stock.reserve",
      "coupon.use",
      "payment.pay",
      "order.completed",
    ]);
    expect(await commandsSent(stack, refused)).toEqual([
      "stock.reserve",
      "coupon.use",
      "payment.pay",
      "coupon.restore",
      "stock.release",
    ]);
    for (const id of [paid, refused]) {
      const replies = (await sagaLog(stack, id))
        .filter((e) => e.kind === "reply")
        .map((e) => e.type);
      expect(replies.length, id).toBe(new Set(replies).size);
    }
    // One debit, of the paid order only; one reservation; the coupon on the paid order only.
    expect(await ledgerFor(stack, [paid, refused])).toEqual([
      { orderId: paid, kind: "payment", amountCents: -1_700 },
    ]);
    expect(await balanceOf(stack, rich)).toBe(10_000 - 1_700);
    expect(await balanceOf(stack, poor)).toBe(1_000);
    expect(await stockOf(stack, product.id)).toBe(18);
    expect(await reservations(stack, [paid, refused])).toEqual([
      { orderId: paid, state: "reserved", quantity: 2 },
      { orderId: refused, state: "released", quantity: 3 },
    ]);
    const used = await couponsUsedBy(stack, [richCoupon, poorCoupon]);
    expect([used.get(richCoupon), used.get(poorCoupon)]).toEqual([paid, null]);
    // order.completed once, whatever the duplicates did.
    expect((await completed.seen()).filter((m) => m.correlationId === paid)).toHaveLength(1);
  }, 60_000);
});

/** What the two orders of the duplicates test send and answer (all but the unused failures). */
const DUPLICATED_STEPS = [
  "stock.reserve",
  "stock.reserved",
  "coupon.use",
  "coupon.used",
  "payment.pay",
  "payment.paid",
  "payment.failed",
  "coupon.restore",
  "coupon.restored",
  "stock.release",
  "stock.released",
];

/** The service that consumes a saga message: a command its participant, a reply the saga. */
function consumerOf(type: string): StackService {
  const command = [stockReserve, stockRelease, couponUse, couponRestore, paymentPay, paymentRefund]
    .map((d) => d.type as string)
    .includes(type);
  if (!command) return "order-service";
  return type.startsWith("stock.")
    ? "product-service"
    : type.startsWith("coupon.")
      ? "coupon-service"
      : "payment-service";
}

/** Every command and reply of the saga (not order.completed). */
const SAGA_MESSAGES = [
  stockReserve,
  stockReserved,
  stockRejected,
  stockRelease,
  stockReleased,
  couponUse,
  couponUsed,
  couponRejected,
  couponRestore,
  couponRestored,
  paymentPay,
  paymentPaid,
  paymentFailed,
  paymentRefund,
  paymentRefunded,
];
