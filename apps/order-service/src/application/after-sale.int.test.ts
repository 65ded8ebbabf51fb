import { randomUUID } from "node:crypto";
import { ORDER_REPLIES } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { randomIds, systemClock } from "@shop/service-kit";
import { fakeClock } from "@shop/service-kit/test-fixtures";
import type { Actor } from "@shop/kernel";
import { PgCartStore } from "../adapters/out/pg/cart-store";
import { PgSagaStore } from "../adapters/out/pg/saga-store";
import { useTestDatabase } from "../test/database";
import { cancelOrder } from "./cancel-order";
import { handleDeadlines } from "./handle-deadlines";
import { handleReply } from "./handle-reply";
import { placeOrder } from "./place-order";
import type { OrderDeps } from "./ports";
import { refundOrder } from "./refund-order";
import { shipOrder } from "./ship-order";

/*
 * After the sale on PostgreSQL: the races the issue names, fired together against the real
 * database, and what the database itself refuses. Every request is decided on the saga's version
 * it read, and a stale save is decided again on the state that won (change-order.ts).
 */

const t = useTestDatabase(20);
const deps = (clock = systemClock): OrderDeps => ({
  store: new PgSagaStore(t.db),
  cart: new PgCartStore(t.db),
  clock,
  ids: randomIds,
});
const received = () => ({ consumer: ORDER_REPLIES.name, messageId: randomUUID() });
const admin: Actor = { role: "admin", userId: randomUUID() };
const APRON = randomUUID();
const MUG = randomUUID();

/** A completed order: 2 aprons at $10.00 and 1 mug at $5.00, paid $25.00. */
async function completed(d: OrderDeps) {
  const userId = randomUUID();
  const r = await placeOrder(d, {
    userId,
    idempotencyKey: `key-${randomUUID()}`,
    couponId: null,
    lines: [
      { productId: APRON, quantity: 2 },
      { productId: MUG, quantity: 1 },
    ],
  });
  if (!r.ok) throw new Error("not placed");
  const orderId = r.value.orderId;
  await handleReply(
    d,
    {
      type: "stock.reserved",
      orderId,
      lines: [
        { productId: APRON, quantity: 2, unitPriceCents: 1_000, name: "Apron" },
        { productId: MUG, quantity: 1, unitPriceCents: 500, name: "Mug" },
      ],
    },
    received(),
  );
  await handleReply(d, { type: "payment.paid", orderId, amountCents: 2_500 }, received());
  expect((await d.store.load(orderId))?.status).toBe("COMPLETED");
  return { orderId, shopper: { role: "shopper", userId } as Actor };
}

/** The payment.refund-part commands the outbox holds for the order, and their total. */
async function refundCommands(orderId: string) {
  const rows = await t.db.$queryRaw<{ amount: number }[]>`
    SELECT (message->'payload'->>'amountCents')::int AS amount FROM outbox
     WHERE message->>'correlationId' = ${orderId} AND message->>'type' = 'payment.refund-part'`;
  return { count: rows.length, total: rows.reduce((s, r) => s + r.amount, 0) };
}

describe("after the sale, on PostgreSQL", () => {
  it("10 cancels at once are one cancellation: one refund of the money", async () => {
    const d = deps();
    const { orderId, shopper } = await completed(d);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cancelOrder(d, shopper, orderId)),
    );
    expect(results.every((r) => r.ok && r.value.status === "CANCELLING")).toBe(true);
    expect(await refundCommands(orderId)).toEqual({ count: 1, total: 2_500 });
    const saga = await d.store.load(orderId);
    expect(saga?.returns?.map((r) => r.kind)).toEqual(["cancel"]);
  });

  it("a cancel and refunds at once never give back more than was paid", async () => {
    const d = deps();
    const { orderId, shopper } = await completed(d);
    const whole = { orderId, lines: null, restock: true, reason: "damaged" };
    const oneApron = { ...whole, lines: [{ productId: APRON, quantity: 1 }] };
    const results = await Promise.all([
      cancelOrder(d, shopper, orderId),
      refundOrder(d, admin, whole),
      refundOrder(d, admin, oneApron),
      cancelOrder(d, shopper, orderId),
      refundOrder(d, admin, oneApron),
    ]);
    const { total } = await refundCommands(orderId);
    expect(total).toBe(2_500);
    const row = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row.refundedCents + row.refundingCents).toBe(2_500);
    // Whatever won, the others were refused on the state it left, never applied on top of it.
    const refused = results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error.code));
    for (const code of refused)
      expect(["ALREADY_REFUNDED", "ORDER_STATE_CONFLICT"]).toContain(code);
  });

  it("two full refunds at once: exactly one goes through, the other is told why", async () => {
    const d = deps();
    const { orderId } = await completed(d);
    const whole = { orderId, lines: null, restock: false, reason: "lost in the post" };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => refundOrder(d, admin, whole)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
      Array(5).fill("ALREADY_REFUNDED"),
    );
    expect(await refundCommands(orderId)).toEqual({ count: 1, total: 2_500 });
  });

  it("one refund asked 6 times at once with its key: one refund, and each call answers it", async () => {
    const d = deps();
    const { orderId } = await completed(d);
    const oneApron = {
      orderId,
      lines: [{ productId: APRON, quantity: 1 }],
      restock: true,
      reason: "double click",
      idempotencyKey: "refund-key-0123456789",
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => refundOrder(d, admin, oneApron)),
    );
    const answers = new Set(results.map((r) => JSON.stringify(r.ok ? r.value : r.error)));
    expect(answers.size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, value: { amountCents: expect.any(Number) } });
    expect((await refundCommands(orderId)).count).toBe(1);
    // Another key is another refund of the units left.
    const second = await refundOrder(d, admin, {
      ...oneApron,
      idempotencyKey: "refund-key-abcdefghij",
    });
    expect(second.ok).toBe(true);
    expect((await refundCommands(orderId)).count).toBe(2);
  });

  it("partial refunds run to completion: the money trail is on the order and its lines", async () => {
    const d = deps();
    const { orderId } = await completed(d);
    const started = await refundOrder(d, admin, {
      orderId,
      lines: [{ productId: APRON, quantity: 1 }],
      restock: true,
      reason: "torn",
    });
    if (!started.ok) throw new Error(started.error.code);
    expect(started.value.amountCents).toBe(1_000);
    const { refundId } = started.value;
    await handleReply(
      d,
      {
        type: "payment.part-refunded",
        orderId,
        refundId,
        amountCents: 1_000,
        balanceAfterCents: 1_000,
      },
      received(),
    );
    await handleReply(d, { type: "stock.restocked", orderId, refundId }, received());
    const saga = await d.store.load(orderId);
    expect(saga?.returns?.[0]).toMatchObject({ id: refundId, status: "COMPLETED" });
    const row = await t.db.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { lines: true },
    });
    expect([row.status, row.refundedCents, row.refundingCents]).toEqual(["COMPLETED", 1_000, 0]);
    expect(row.lines.find((l) => l.productId === APRON)?.refundedQuantity).toBe(1);
    const events = await t.db.$queryRaw<{ type: string; amount: number }[]>`
      SELECT message->>'type' AS type, (message->'payload'->>'amountCents')::int AS amount
        FROM outbox WHERE message->>'correlationId' = ${orderId}
         AND message->>'type' IN ('order.refunded', 'order.cancelled')`;
    expect(events).toEqual([{ type: "order.refunded", amount: 1_000 }]);
    const log = await d.store.log(orderId);
    expect(log.filter((e) => e.refundId === refundId).map((e) => e.type)).toEqual([
      "REFUND_REQUESTED",
      "payment.refund-part",
      "payment.part-refunded",
      "stock.restock",
      "stock.restocked",
      "REFUND_COMPLETED",
      "order.refunded",
    ]);
  });

  it("a refund's step past its deadline is sent again, not given up on", async () => {
    const clock = fakeClock(new Date());
    const d = deps(clock);
    const { orderId } = await completed(d);
    const started = await refundOrder(d, admin, {
      orderId,
      lines: null,
      restock: false,
      reason: "never arrived",
    });
    expect(started.ok).toBe(true);
    clock.advance(60_000);
    expect(await handleDeadlines(d)).toBeGreaterThanOrEqual(1);
    expect(await refundCommands(orderId)).toEqual({ count: 2, total: 5_000 });
    const saga = await d.store.load(orderId);
    expect(saga?.returns?.[0]).toMatchObject({ status: "PENDING", attempts: { payment: 2 } });
  });

  it("bad requests are refused with what was wrong, and change nothing", async () => {
    const d = deps();
    const { orderId, shopper } = await completed(d);
    const refund = (lines: { productId: string; quantity: number }[]) =>
      refundOrder(d, admin, { orderId, lines, restock: true, reason: "x" });
    expect(await refund([{ productId: APRON, quantity: 3 }])).toMatchObject({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        fieldErrors: { "lines.0.quantity": [expect.any(String)] },
      },
    });
    expect(await refund([{ productId: randomUUID(), quantity: 1 }])).toMatchObject({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        fieldErrors: { "lines.0.productId": [expect.any(String)] },
      },
    });
    const stranger: Actor = { role: "shopper", userId: randomUUID() };
    expect(await cancelOrder(d, stranger, orderId)).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(
      await refundOrder(d, shopper, { orderId, lines: null, restock: false, reason: "mine" }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await refundCommands(orderId)).toEqual({ count: 0, total: 0 });
    // Shipped, it can no longer be cancelled by its shopper.
    expect((await shipOrder(d, admin, { orderId, carrier: "DHL", tracking: "T1" })).ok).toBe(true);
    expect(await cancelOrder(d, shopper, orderId)).toMatchObject({
      ok: false,
      error: { code: "ORDER_NOT_CANCELLABLE" },
    });
    const row = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect([row.status, row.carrier, row.tracking]).toEqual(["SHIPPED", "DHL", "T1"]);
  });

  it("a cancel while checkout runs compensates what it did, whatever reply comes after", async () => {
    const d = deps();
    const userId = randomUUID();
    const placed = await placeOrder(d, {
      userId,
      idempotencyKey: `key-${randomUUID()}`,
      couponId: null,
      lines: [{ productId: APRON, quantity: 1 }],
    });
    if (!placed.ok) throw new Error("not placed");
    const { orderId } = placed.value;
    const reserved = {
      type: "stock.reserved" as const,
      orderId,
      lines: [{ productId: APRON, quantity: 1, unitPriceCents: 1_000, name: "Apron" }],
    };
    await handleReply(d, reserved, received());
    const [cancelled] = await Promise.all([
      cancelOrder(d, { role: "shopper", userId }, orderId),
      // The payment's reply races the cancel.
      handleReply(d, { type: "payment.paid", orderId, amountCents: 1_000 }, received()),
    ]);
    expect(cancelled.ok).toBe(true);
    const saga = await d.store.load(orderId);
    // Either the cancel came first (compensating: refund, then release) or the payment did
    // (completed, then a cancellation saga refunding it): the money goes back either way.
    if (saga?.status === "COMPENSATING") {
      const sent = await t.db.$queryRaw<{ type: string }[]>`
        SELECT message->>'type' AS type FROM outbox WHERE message->>'correlationId' = ${orderId}
         ORDER BY id`;
      expect(sent.map((s) => s.type)).toContain("payment.refund");
    } else {
      expect(saga?.status).toBe("CANCELLING");
      expect(await refundCommands(orderId)).toEqual({ count: 1, total: 1_000 });
    }
  });

  it("the database refuses refunds past what was paid, or units past what was bought", async () => {
    const d = deps();
    const { orderId } = await completed(d);
    await expect(
      t.db.$executeRaw`UPDATE orders SET refunding_cents = 2501 WHERE id = ${orderId}::uuid`,
    ).rejects.toThrow(/orders_refunds_within_total/);
    await expect(
      t.db.$executeRaw`UPDATE order_lines SET refunded_quantity = 3
        WHERE order_id = ${orderId}::uuid AND product_id = ${APRON}::uuid`,
    ).rejects.toThrow(/order_lines_refunds_within_quantity/);
  });
});
