import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createReply,
  ORDER_REPLIES,
  paymentPaid,
  paymentPay,
  stockRelease,
  stockReleased,
  stockReserve,
  stockReserved,
} from "@shop/contracts";
import {
  ack,
  consumeMessages,
  createMessage,
  deadLetterInfo,
  handler,
  queue,
  queueFor,
  startParticipant,
  type Participant,
  type DeadLetterInfo,
  type RabbitTransport,
  type Subscription,
} from "@shop/messaging";
import {
  deleteTopology,
  NO_RABBITMQ,
  rabbitTransport,
  testLog,
  uniqueName,
} from "@shop/messaging/testing";
import type { PeriodicJob } from "@shop/service-kit";
import { placeOrder } from "../../../application/place-order";
import { orderDeps } from "../../../deps";
import { useTestDatabase } from "../../../test/database";
import { startDeadlineJob } from "../jobs/deadlines";
import { replyHandlers } from "./reply-handlers";

/*
 * The orchestrator as main.ts wires it, on the real RabbitMQ and PostgreSQL: an order placed
 * writes its saga and stock.reserve to the outbox; the relay publishes it; fake participants
 * (consumers on test queues of their own) answer; the reply consumer applies the replies, and
 * the deadline job compensates a step nobody answers.
 */

// Long enough for a reply on a loaded two-core machine, short enough to wait for in a test.
const STEP_TIMEOUT_MS = 3_000;
const t = useTestDatabase(10);
const deps = () => orderDeps(t.db, { stepTimeoutMs: STEP_TIMEOUT_MS });

const replies = queueFor(ORDER_REPLIES, { name: uniqueName("order-replies") });
const stock = queue(uniqueName("stock-commands"), { bindings: [stockReserve, stockRelease] });
const payment = queue(uniqueName("payment-commands"), { bindings: [paymentPay] });

/** Products whose stock.reserve the fake stock service never answers (it is "down" for them). */
const unanswered = new Set<string>();
const received: { type: string; orderId: string }[] = [];
const dead: (DeadLetterInfo | undefined)[] = [];

let transport: RabbitTransport;
let pool: pg.Pool;
let messaging: Participant;
let deadlines: PeriodicJob;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  transport = rabbitTransport({ connectionName: "order-service-test" });
  await transport.declare([replies, stock, payment]);
  subscriptions.push(
    await consumeMessages(
      transport,
      stock,
      [
        handler(stockReserve, async (m) => {
          received.push({ type: m.type, orderId: m.payload.orderId });
          if (m.payload.lines.some((l) => unanswered.has(l.productId))) return;
          const lines = m.payload.lines.map((l) => ({ ...l, unitPriceCents: 250, name: "Tea" }));
          await transport.publish([
            createReply(m, stockReserved, { orderId: m.payload.orderId, lines }),
          ]);
        }),
        handler(stockRelease, async (m) => {
          received.push({ type: m.type, orderId: m.payload.orderId });
          await transport.publish([createReply(m, stockReleased, { orderId: m.payload.orderId })]);
        }),
      ],
      { log: testLog },
    ),
    await consumeMessages(
      transport,
      payment,
      [
        handler(paymentPay, async (m) => {
          received.push({ type: m.type, orderId: m.payload.orderId });
          const { orderId, amountCents } = m.payload;
          await transport.publish([createReply(m, paymentPaid, { orderId, amountCents })]);
        }),
      ],
      { log: testLog },
    ),
    await transport.consume(
      replies.deadLetter,
      async (d) => {
        dead.push(deadLetterInfo(d));
        return ack;
      },
      { prefetch: 10 },
    ),
  );
  const since = new Date();
  messaging = await startParticipant({
    transport,
    pool,
    consumers: [{ queue: replies, handlers: replyHandlers(deps(), testLog) }],
    log: testLog,
    inboxKeepMs: 60_000,
    relay: { pollIntervalMs: 100 },
  });
  deadlines = startDeadlineJob(deps(), testLog, {
    everyMs: 50,
    since,
    repliesWaiting: async () => (await transport.stats(replies)).messages,
  });
});

afterAll(async () => {
  await deadlines?.stop();
  await messaging?.stop();
  await Promise.all(subscriptions.map((s) => s.close()));
  if (transport) {
    await deleteTopology(transport.exchange, [replies, stock, payment]);
    await transport.close();
  }
  await pool?.end();
});

async function place(productId: string, quantity = 2) {
  const r = await placeOrder(deps(), {
    userId: randomUUID(),
    idempotencyKey: `key-${randomUUID()}`,
    couponId: null,
    lines: [{ productId, quantity }],
  });
  if (!r.ok) throw new Error("not placed");
  return r.value.orderId;
}

const wait = { timeout: 10_000, interval: 50 };
const order = (orderId: string) => deps().store.order(orderId);
const commandsFor = (orderId: string) =>
  received.filter((r) => r.orderId === orderId).map((r) => r.type);

describe.skipIf(NO_RABBITMQ)("the saga over RabbitMQ", () => {
  it("stock reserved, then paid: the order is COMPLETED through the consumer and the relay", async () => {
    const orderId = await place(randomUUID());
    await vi.waitFor(async () => expect((await order(orderId))?.status).toBe("COMPLETED"), wait);
    expect(await order(orderId)).toMatchObject({
      subtotalCents: 500,
      discountCents: 0,
      totalCents: 500,
      reasonCode: null,
    });
    expect(commandsFor(orderId)).toEqual(["stock.reserve", "payment.pay"]);
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM inbox WHERE consumer = $1",
      [replies.name],
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it("nobody answers stock.reserve: the deadline job compensates, and the order is CANCELLED", async () => {
    const productId = randomUUID();
    unanswered.add(productId);
    const orderId = await place(productId);
    await vi.waitFor(async () => expect((await order(orderId))?.status).toBe("CANCELLED"), wait);
    expect((await order(orderId))?.reasonCode).toBe("STOCK_TIMEOUT");
    expect(commandsFor(orderId)).toEqual(["stock.reserve", "stock.release"]);
    const log = await deps().store.log(orderId);
    expect(log.some((e) => e.kind === "deadline" && e.type === "stock")).toBe(true);
  });

  it("a reply that is not its saga's is dead-lettered with the reason; the consumer goes on", async () => {
    const orderId = randomUUID();
    const forged = createMessage(stockReleased, { orderId }, { correlationId: randomUUID() });
    await transport.publish([forged]);
    await vi.waitFor(() => expect(dead).toHaveLength(1), wait);
    expect(dead[0]).toMatchObject({ reason: "invalid_reply", queue: replies.name });
    expect(dead[0]?.detail).toContain(orderId);

    const next = await place(randomUUID());
    await vi.waitFor(async () => expect((await order(next))?.status).toBe("COMPLETED"), wait);
  });

  it("a reply whose payload breaks its contract is dead-lettered before the saga sees it (sagaReplyOf does not parse it again)", async () => {
    // Its ids agree, so only the consumer's contract check (decodeEnvelope) can refuse it.
    const notAnId = `not-an-id-${randomUUID()}`;
    const valid = createMessage(
      stockReleased,
      { orderId: randomUUID() },
      { correlationId: notAnId },
    );
    await transport.publish([{ ...valid, payload: { orderId: notAnId } }]);
    // The participant's drain competes with this test's consumer for the dead-letter queue.
    const reasons = async () => [
      ...dead.filter((d) => d?.reason === "invalid_payload").map((d) => d?.reason),
      ...(
        await pool.query<{ reason: string }>(
          "SELECT reason FROM dead_letter WHERE message_id = $1::uuid",
          [valid.messageId],
        )
      ).rows.map((r) => r.reason),
    ];
    await vi.waitFor(async () => expect(await reasons()).toEqual(["invalid_payload"]), wait);
  });
});
