import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ORDER_DATA_EXPORT,
  orderCancelled,
  orderCompleted,
  orderRefunded,
  type OrderReturnEvent,
  type PayloadOf,
} from "@shop/contracts";
import {
  ack,
  createMessage,
  deadLetterInfo,
  encodeEnvelope,
  consumeMessages,
  queueFor,
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
// The stand-in receiver itself (a test may start another app's code; the service never does).
import {
  startReceiver,
  type RunningReceiver,
} from "../../../../../data-platform-receiver/src/server";
import { ReceivedOrders } from "../../../../../data-platform-receiver/src/store";
import { DEFAULT_EXPORT_POLICY } from "../../../application/export-due-orders";
import { exportDeps } from "../../../deps";
import { startExportJobs } from "../jobs/export";
import { useTestDatabase } from "../../../test/database";
import { exportHandlers } from "./export-handlers";

/*
 * The export as main.ts wires it (its consumer and jobs), on the real RabbitMQ and PostgreSQL, against
 * the real stand-in receiver: order.completed, order.cancelled and order.refunded events published
 * on the broker are recorded by the consumer, and the export job POSTs them; the receiver is down,
 * then up.
 */

const t = useTestDatabase(6);
const completed = queueFor(ORDER_DATA_EXPORT, { name: uniqueName("data-export") });

let transport: RabbitTransport;
let exporter: { stop(): Promise<void> };
let port: number;
let receiver: RunningReceiver | undefined;
let received: ReceivedOrders;
const dead: (DeadLetterInfo | undefined)[] = [];
let deadConsumer: Subscription;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function receiverUp() {
  receiver = await startReceiver({ store: received, log: testLog, port });
}
async function receiverDown() {
  await receiver?.close();
  receiver = undefined;
}

beforeAll(async () => {
  port = await freePort();
  received = ReceivedOrders.open(null);
  transport = rabbitTransport({ connectionName: "order-service-export-test" });
  await transport.declare([completed]);
  deadConsumer = await transport.consume(
    completed.deadLetter,
    async (d) => {
      dead.push(deadLetterInfo(d));
      return ack;
    },
    { prefetch: 10 },
  );
  // A POST that outlives its timeout is sent again (at least once, by design), which would count
  // a second delivery here: the limit is generous, as a loaded machine can be slow to answer.
  const deps = exportDeps(t.db, { url: `http://127.0.0.1:${port}/orders`, timeoutMs: 5_000 });
  const consumer = await consumeMessages(transport, completed, exportHandlers(deps), {
    log: testLog,
    prefetch: 5,
  });
  const jobs = startExportJobs(deps, testLog, {
    everyMs: 50,
    keepDeliveredMs: 30 * 86_400_000,
    policy: { ...DEFAULT_EXPORT_POLICY, retryBaseMs: 50, retryMaxMs: 300, leaseMs: 5_000 },
  });
  exporter = {
    stop: async () => {
      await jobs?.stop();
      await consumer.close();
    },
  };
});

afterAll(async () => {
  await exporter?.stop();
  await deadConsumer?.close();
  await receiverDown();
  if (transport) {
    await deleteTopology(transport.exchange, [completed]);
    await transport.close();
  }
});

function completedOrder(): PayloadOf<typeof orderCompleted> {
  return {
    orderId: randomUUID(),
    userId: randomUUID(),
    lines: [{ productId: randomUUID(), quantity: 3, unitPriceCents: 1_250 }],
    subtotalCents: 3_750,
    discountCents: 500,
    totalCents: 3_250,
    couponId: randomUUID(),
    placedAt: new Date(Date.now() - 2_000).toISOString(),
    completedAt: new Date().toISOString(),
  };
}

const event = (p: PayloadOf<typeof orderCompleted>) =>
  createMessage(orderCompleted, p, { correlationId: p.orderId });

const rows = (ids: string[], kind: "order" | "order-event" = "order") =>
  t.db.dataExport.findMany({
    where: { kind, exportId: { in: ids } },
    select: { exportId: true, status: true, attempts: true, lastError: true },
  });

function returned(orderId: string = randomUUID()): OrderReturnEvent {
  return {
    orderId,
    refundId: randomUUID(),
    userId: randomUUID(),
    lines: [{ productId: randomUUID(), quantity: 1, unitPriceCents: 1_250, amountCents: 1_084 }],
    amountCents: 1_084,
    soldAt: new Date(Date.now() - 60_000).toISOString(),
    restocked: true,
    reason: "Changed my mind",
    requestedBy: randomUUID(),
    requestedAt: new Date(Date.now() - 1_000).toISOString(),
    completedAt: new Date().toISOString(),
  };
}

const cancelledEvent = (p: OrderReturnEvent) =>
  createMessage(orderCancelled, p, { correlationId: p.refundId });
const refundedEvent = (p: OrderReturnEvent) =>
  createMessage(orderRefunded, p, { correlationId: p.refundId });

/** Deliveries per event id at the receiver. */
const eventDeliveriesAt = (ids: string[]) =>
  Object.fromEntries(
    received
      .events()
      .filter((e) => ids.includes(e.key))
      .map((e) => [e.key, e.deliveries]),
  );

/** Deliveries per order at the receiver. */
const deliveriesAt = (ids: string[]) =>
  Object.fromEntries(
    received
      .orders()
      .filter((o) => ids.includes(o.key))
      .map((o) => [o.key, o.deliveries]),
  );

const wait = { timeout: 15_000, interval: 50 };

describe.skipIf(NO_RABBITMQ)("the data platform export over RabbitMQ and PostgreSQL", () => {
  it("is retried while the receiver is down, and delivered exactly once per order when it is back", async () => {
    const orders = Array.from({ length: 6 }, completedOrder);
    const ids = orders.map((o) => o.orderId);
    await transport.publish(orders.map(event));

    // Down: every export is recorded and tried again and again, none is lost.
    await vi.waitFor(async () => {
      const r = await rows(ids);
      expect(r).toHaveLength(6);
      for (const row of r) expect(row).toMatchObject({ status: "PENDING" });
      for (const row of r) expect(row.attempts).toBeGreaterThanOrEqual(3);
    }, wait);
    expect((await rows(ids))[0]?.lastError).toBe("ECONNREFUSED");

    await receiverUp();
    await vi.waitFor(async () => {
      for (const row of await rows(ids)) expect(row.status).toBe("DELIVERED");
    }, wait);
    expect(deliveriesAt(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    // And nothing more is sent later.
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveriesAt(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  });

  it("a redelivered event (the same message three times, and a resend under a new id) is exported once", async () => {
    const order = completedOrder();
    const message = event(order);
    await transport.publish([message, message, message, event(order)]);
    await vi.waitFor(async () => {
      expect(await rows([order.orderId])).toMatchObject([{ status: "DELIVERED" }]);
    }, wait);
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveriesAt([order.orderId])).toEqual({ [order.orderId]: 1 });
    expect(received.orders().find((o) => o.key === order.orderId)?.order).toEqual({
      ...order,
      currency: "USD",
    });
  });

  it("an export sent again (its answer lost) is deduplicated by the receiver's key", async () => {
    const order = completedOrder();
    await transport.publish([event(order)]);
    await vi.waitFor(async () => {
      expect(await rows([order.orderId])).toMatchObject([{ status: "DELIVERED" }]);
    }, wait);
    // As if the process died after the POST and before marking it: the lease ran out.
    await t.db.$executeRaw`
      UPDATE data_export SET status = 'PENDING', delivered_at = NULL, next_attempt_at = now()
       WHERE kind = 'order' AND export_id = ${order.orderId}::uuid`;
    await vi.waitFor(async () => {
      expect(await rows([order.orderId])).toMatchObject([{ status: "DELIVERED" }]);
      expect(deliveriesAt([order.orderId])).toEqual({ [order.orderId]: 2 });
    }, wait);
    expect(received.orders().filter((o) => o.key === order.orderId)).toHaveLength(1);
  });

  it("records cancellations and refunds while the receiver is down, and delivers each event once when it is back", async () => {
    await receiverDown();
    const order = completedOrder();
    const cancel = cancelledEvent(returned());
    // Two refunds of one order: two events.
    const refunds = [
      refundedEvent(returned(order.orderId)),
      refundedEvent(returned(order.orderId)),
    ];
    const ids = [cancel, ...refunds].map((m) => m.messageId);
    try {
      await transport.publish([event(order), cancel, ...refunds]);
      // Down: every event is recorded and tried again and again, none is lost.
      await vi.waitFor(async () => {
        const r = await rows(ids, "order-event");
        expect(r).toHaveLength(3);
        for (const row of r)
          expect(row).toMatchObject({ status: "PENDING", lastError: "ECONNREFUSED" });
        for (const row of r) expect(row.attempts).toBeGreaterThanOrEqual(2);
      }, wait);
    } finally {
      await receiverUp();
    }
    await vi.waitFor(async () => {
      for (const row of await rows(ids, "order-event")) expect(row.status).toBe("DELIVERED");
      expect(await rows([order.orderId])).toMatchObject([{ status: "DELIVERED" }]);
    }, wait);
    await new Promise((r) => setTimeout(r, 500));
    expect(eventDeliveriesAt(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    expect(deliveriesAt([order.orderId])).toEqual({ [order.orderId]: 1 });
  });

  it("a redelivered cancellation or refund (the same event id) is recorded once and delivered once, as its type", async () => {
    const cancel = cancelledEvent(returned());
    const refund = refundedEvent(returned());
    await transport.publish([cancel, cancel, refund, cancel, refund]);
    const ids = [cancel.messageId, refund.messageId];
    await vi.waitFor(async () => {
      const r = await rows(ids, "order-event");
      expect(r).toHaveLength(2);
      for (const row of r) expect(row.status).toBe("DELIVERED");
    }, wait);
    await new Promise((r) => setTimeout(r, 500));
    expect(eventDeliveriesAt(ids)).toEqual({ [cancel.messageId]: 1, [refund.messageId]: 1 });
    const at = (id: string) => received.events().find((e) => e.key === id)?.event;
    expect(at(cancel.messageId)).toEqual({
      type: "cancelled",
      eventId: cancel.messageId,
      ...cancel.payload,
      currency: "USD",
    });
    expect(at(refund.messageId)).toMatchObject({ type: "refunded", eventId: refund.messageId });
  });

  it("an event sent again (its answer lost) is deduplicated by the receiver's key", async () => {
    const refund = refundedEvent(returned());
    await transport.publish([refund]);
    await vi.waitFor(async () => {
      expect(await rows([refund.messageId], "order-event")).toMatchObject([
        { status: "DELIVERED" },
      ]);
    }, wait);
    await t.db.$executeRaw`
      UPDATE data_export SET status = 'PENDING', delivered_at = NULL, next_attempt_at = now()
       WHERE kind = 'order-event' AND export_id = ${refund.messageId}::uuid`;
    await vi.waitFor(async () => {
      expect(await rows([refund.messageId], "order-event")).toMatchObject([
        { status: "DELIVERED" },
      ]);
      expect(eventDeliveriesAt([refund.messageId])).toEqual({ [refund.messageId]: 2 });
    }, wait);
    expect(received.events().filter((e) => e.key === refund.messageId)).toHaveLength(1);
  });

  it("dead-letters a malformed event with the reason; the consumer goes on", async () => {
    const broken = { ...event(completedOrder()), payload: { orderId: "not-a-uuid" } };
    await transport.publishRaw(orderCompleted.type, encodeEnvelope(broken as never));
    await vi.waitFor(() => expect(dead).toHaveLength(1), wait);
    expect(dead[0]).toMatchObject({ reason: "invalid_payload", queue: completed.name });
    expect(dead[0]?.detail).toContain("orderId");

    const brokenRefund = { ...refundedEvent(returned()), payload: { orderId: randomUUID() } };
    await transport.publishRaw(orderRefunded.type, encodeEnvelope(brokenRefund as never));
    await vi.waitFor(() => expect(dead).toHaveLength(2), wait);
    expect(dead[1]).toMatchObject({ reason: "invalid_payload", queue: completed.name });
    expect(dead[1]?.detail).toContain("refundId");

    const next = completedOrder();
    await transport.publish([event(next)]);
    await vi.waitFor(async () => {
      expect(await rows([next.orderId])).toMatchObject([{ status: "DELIVERED" }]);
    }, wait);
  });

  it("keeps an order or event the receiver refuses (a 4xx) as FAILED with the reason, and does not resend it", async () => {
    await receiverDown();
    receiver = await startReceiver({ store: received, log: testLog, port, failWith: 422 });
    try {
      const order = completedOrder();
      const cancel = cancelledEvent(returned());
      await transport.publish([event(order), cancel]);
      const failed = {
        status: "FAILED",
        attempts: 1,
        lastError: 'HTTP 422: {"error":"failing_on_purpose"}',
      };
      await vi.waitFor(async () => {
        expect(await rows([order.orderId])).toMatchObject([failed]);
        expect(await rows([cancel.messageId], "order-event")).toMatchObject([failed]);
      }, wait);
    } finally {
      await receiverDown();
      await receiverUp();
    }
  });
});
