import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMessage,
  paymentFailed,
  paymentPaid,
  paymentPartRefunded,
  paymentPartRefundRefused,
  paymentPay,
  paymentRefund,
  paymentRefundPart,
  paymentRefunded,
  PAYMENT_COMMANDS,
} from "@shop/contracts";
import type { Log } from "@shop/messaging";
import { startParticipantHarness, type ParticipantHarness } from "@shop/messaging/testing";
import { chargeWallet } from "../../../application/charge-wallet";
import { paymentDeps } from "../../../deps";
import { useTestDatabase, walletsOffLedger } from "../../../test/database";
import { aKey } from "../../../test/fixtures";
import { paymentCommandHandlers } from "./payment-commands";

/*
 * The command handlers as the service runs them, on the real RabbitMQ and PostgreSQL: commands
 * published to the exchange, consumed from a queue bound like PAYMENT_COMMANDS, each handled in
 * one transaction with its inbox record and its reply in the outbox; the relay publishes the
 * replies to a queue standing in for the order service's.
 */

const t = useTestDatabase(10);
const deps = () => paymentDeps(t.db);

/** What the handlers logged: (object, message) pairs. */
const logged: { fields: Record<string, unknown>; msg: string }[] = [];
const handlerLog = Object.fromEntries(
  (["debug", "info", "warn", "error"] as const).map((level) => [
    level,
    (fields: Record<string, unknown>, msg: string) => void logged.push({ fields, msg }),
  ]),
) as unknown as Log;
let h: ParticipantHarness;

beforeAll(async () => {
  h = await startParticipantHarness({
    databaseUrl: t.url,
    commands: PAYMENT_COMMANDS,
    handlers: paymentCommandHandlers(deps(), handlerLog),
    replies: [
      paymentPaid,
      paymentFailed,
      paymentRefunded,
      paymentPartRefunded,
      paymentPartRefundRefused,
    ],
    connectionName: "payment-service-test",
    log: handlerLog,
  });
});

afterAll(() => h?.close());

let ann: string;
beforeEach(async () => {
  ann = randomUUID();
  const funded = await chargeWallet(deps(), ann, { amountCents: 1_000, idempotencyKey: aKey() });
  expect(funded.ok).toBe(true);
});

const payCommand = (orderId: string, amountCents: number, userId = ann) =>
  createMessage(paymentPay, { orderId, userId, amountCents }, { correlationId: orderId });
const refundCommand = (orderId: string) =>
  createMessage(paymentRefund, { orderId }, { correlationId: orderId });
/** A partial refund, in its refund saga (the refund id is the correlation id). */
const refundPartCommand = (orderId: string, refundId: string, amountCents: number) =>
  createMessage(paymentRefundPart, { orderId, refundId, amountCents }, { correlationId: refundId });

const repliesFor = (orderId: string) => h.replies.filter((r) => r.correlationId === orderId);
const balance = () => deps().store.balanceOf(ann);
const wait = { timeout: 10_000, interval: 20 };
/** Long enough for a second reply, if one were coming, to have arrived. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("payment commands over RabbitMQ", () => {
  it("pay: debits, and replies payment.paid in the order's saga, caused by the command", async () => {
    const orderId = randomUUID();
    const command = payCommand(orderId, 400);
    await h.transport.publish([command]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "payment.paid",
      correlationId: orderId,
      causationId: command.messageId,
      payload: { orderId, amountCents: 400, balanceAfterCents: 600 },
    });
    expect(await balance()).toBe(600);
  });

  it("the same pay command delivered twice debits once and replies once", async () => {
    const orderId = randomUUID();
    const command = payCommand(orderId, 400);
    // The same message twice, as a publisher retry after a lost confirm would send it.
    await h.transport.publish([command]);
    await h.transport.publish([command]);
    await vi.waitFor(async () => {
      const { rows } = await h.pool.query("SELECT 1 FROM inbox WHERE message_id = $1", [
        command.messageId,
      ]);
      expect(rows).toHaveLength(1);
      expect(repliesFor(orderId)).toHaveLength(1);
    }, wait);
    // The second delivery reached the handler and was recognised by the inbox.
    await vi.waitFor(
      () =>
        expect(logged).toContainEqual({
          fields: expect.objectContaining({ messageId: command.messageId, duplicate: true }),
          msg: "message handled",
        }),
      wait,
    );
    await settle();
    expect(repliesFor(orderId)).toHaveLength(1);
    expect(await balance()).toBe(600);
    expect(await t.db.ledgerEntry.count({ where: { orderId } })).toBe(1);
  });

  it("the same order paid by two messages: one debit, the same reply to each", async () => {
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 400), payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    const [a, b] = repliesFor(orderId);
    expect(a?.payload).toEqual(b?.payload);
    expect(a?.payload).toEqual({ orderId, amountCents: 400, balanceAfterCents: 600 });
    expect(await balance()).toBe(600);
  });

  it("too little balance: payment.failed INSUFFICIENT_BALANCE, nothing taken", async () => {
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 1_250)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "payment.failed",
      payload: { orderId, reason: "INSUFFICIENT_BALANCE", shortByCents: 250 },
    });
    expect(await balance()).toBe(1_000);
  });

  it("refund twice credits once; both are answered with the amount", async () => {
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await h.transport.publish([refundCommand(orderId), refundCommand(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(3), wait);
    expect(
      repliesFor(orderId)
        .slice(1)
        .map((r) => [r.type, r.payload]),
    ).toEqual([
      ["payment.refunded", { orderId, amountCents: 400 }],
      ["payment.refunded", { orderId, amountCents: 400 }],
    ]);
    expect(await balance()).toBe(1_000);
    expect(await t.db.ledgerEntry.count({ where: { orderId, kind: "refund" } })).toBe(1);
  });

  it("refund before pay: refunded 0, then the late pay is payment.failed ALREADY_REFUNDED", async () => {
    const orderId = randomUUID();
    await h.transport.publish([refundCommand(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    await h.transport.publish([payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId).map((r) => [r.type, r.payload])).toEqual([
      ["payment.refunded", { orderId, amountCents: 0 }],
      ["payment.failed", { orderId, reason: "ALREADY_REFUNDED" }],
    ]);
    expect(await balance()).toBe(1_000);
  });

  it("100 pays for one wallet at once through the queue: never negative, ledger == balance", async () => {
    const orders = Array.from({ length: 100 }, () => randomUUID());
    await h.transport.publish(orders.map((o) => payCommand(o, 150)));
    await vi.waitFor(() => expect(orders.every((o) => repliesFor(o).length === 1)).toBe(true), {
      timeout: 30_000,
      interval: 50,
    });
    const paid = orders.filter((o) => repliesFor(o)[0]?.type === "payment.paid");
    expect(paid).toHaveLength(6); // 6 * 150 = 900 of 1,000
    expect(await balance()).toBe(100);
    expect(await walletsOffLedger(t.db)).toEqual([]);
  });

  it("refund-part: credits the payer and replies payment.part-refunded; a repeat of its refund id answers the same", async () => {
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    const refundId = randomUUID();
    const command = refundPartCommand(orderId, refundId, 150);
    await h.transport.publish([command]);
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(1), wait);
    const reply = {
      type: "payment.part-refunded",
      correlationId: refundId,
      payload: { orderId, refundId, amountCents: 150, balanceAfterCents: 750 },
    };
    expect(repliesFor(refundId)[0]).toMatchObject({ ...reply, causationId: command.messageId });
    // The saga retried: a new message for the same refund id.
    const again = refundPartCommand(orderId, refundId, 150);
    await h.transport.publish([again]);
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(2), wait);
    expect(repliesFor(refundId)[1]).toMatchObject({ ...reply, causationId: again.messageId });
    expect(await balance()).toBe(750);
    expect(await t.db.ledgerEntry.count({ where: { refundId } })).toBe(1);
  });

  it("refund-part past what was paid, or of an order not paid: payment.part-refund-refused, nothing credited", async () => {
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    const [over, unpaid] = [randomUUID(), randomUUID()];
    const notPaidOrder = randomUUID();
    await h.transport.publish([
      refundPartCommand(orderId, over, 401),
      refundPartCommand(notPaidOrder, unpaid, 100),
    ]);
    await vi.waitFor(() => {
      expect(repliesFor(over)).toHaveLength(1);
      expect(repliesFor(unpaid)).toHaveLength(1);
    }, wait);
    expect(repliesFor(over)[0]).toMatchObject({
      type: "payment.part-refund-refused",
      payload: { orderId, refundId: over, reason: "EXCEEDS_PAYMENT", refundableCents: 400 },
    });
    expect(repliesFor(unpaid)[0]).toMatchObject({
      type: "payment.part-refund-refused",
      payload: { orderId: notPaidOrder, refundId: unpaid, reason: "NOT_PAID", refundableCents: 0 },
    });
    expect(await balance()).toBe(600);
  });

  it("a malformed refund-part is dead-lettered with its reason; nothing is credited", async () => {
    const start = h.dead.length;
    const orderId = randomUUID();
    await h.transport.publish([payCommand(orderId, 400)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    const refundId = randomUUID();
    const valid = refundPartCommand(orderId, refundId, 100);
    const broken = [
      { ...valid, messageId: randomUUID(), payload: { ...valid.payload, amountCents: 0 } },
      { ...valid, messageId: randomUUID(), payload: { orderId, amountCents: 100 } },
      { ...valid, messageId: randomUUID(), payload: { ...valid.payload, refundId: "nope" } },
    ];
    for (const b of broken)
      await h.transport.publishRaw("payment.refund-part", Buffer.from(JSON.stringify(b)));
    await vi.waitFor(() => expect(h.dead.length - start).toBe(broken.length), wait);
    const mine = h.dead.slice(start);
    for (const d of mine) {
      expect(d.info?.reason).toBe("invalid_payload");
      expect(d.info?.queue).toBe(h.commands.name);
      expect(d.info?.detail).toMatch(/payment\.refund-part@1/);
    }
    expect(repliesFor(refundId)).toHaveLength(0);
    expect(await balance()).toBe(600);
    expect(await t.db.paymentRefund.count({ where: { orderId } })).toBe(0);
    // The consumer goes on: the valid one is handled.
    await h.transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(1), wait);
    expect(await balance()).toBe(700);
  });

  describe("a malformed command", () => {
    const before = () => ({ dead: h.dead.length });

    it("is dead-lettered with its reason, changes nothing, and the consumer goes on", async () => {
      const start = before();
      const orderId = randomUUID();
      const valid = payCommand(orderId, 100);
      const broken = [
        // Not JSON at all.
        { body: "{not json", reason: "invalid_json" },
        // An envelope whose payload breaks the contract: a negative amount, a fractional one,
        // and a pay without its user.
        {
          body: JSON.stringify({
            ...valid,
            messageId: randomUUID(),
            payload: { ...valid.payload, amountCents: -5 },
          }),
          reason: "invalid_payload",
        },
        {
          body: JSON.stringify({
            ...valid,
            messageId: randomUUID(),
            payload: { ...valid.payload, amountCents: 1.5 },
          }),
          reason: "invalid_payload",
        },
        {
          body: JSON.stringify({
            ...valid,
            messageId: randomUUID(),
            payload: { orderId, amountCents: 100 },
          }),
          reason: "invalid_payload",
        },
        // A version this service does not handle.
        {
          body: JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 }),
          reason: "unsupported_version",
        },
      ];
      for (const b of broken) await h.transport.publishRaw("payment.pay", Buffer.from(b.body));
      await vi.waitFor(() => expect(h.dead.length - start.dead).toBe(broken.length), wait);
      const mine = h.dead.slice(start.dead);
      expect(mine.map((d) => d.info?.reason).sort()).toEqual(broken.map((b) => b.reason).sort());
      for (const d of mine) expect(d.info?.queue).toBe(h.commands.name);
      const payload = mine.find((d) => d.body.includes("-5"));
      expect(payload?.info?.detail).toMatch(/payment\.pay@1: amountCents/);
      // Nothing changed: no order, no debit, no reply.
      expect(await t.db.payment.count({ where: { orderId } })).toBe(0);
      expect(await balance()).toBe(1_000);
      expect(repliesFor(orderId)).toHaveLength(0);

      // The consumer is still running: the valid command is processed.
      await h.transport.publish([valid]);
      await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
      expect(await balance()).toBe(900);
    });
  });
});
