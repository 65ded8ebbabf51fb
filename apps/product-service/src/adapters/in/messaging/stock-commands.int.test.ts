import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMessage,
  stockRejected,
  stockRelease,
  stockReleased,
  stockReserve,
  stockReserved,
  type Envelope,
} from "@shop/contracts";
import {
  consumeMessages,
  deadLetterInfo,
  handler,
  queue,
  startOutboxRelay,
  type OutboxRelay,
  type RabbitTransport,
  type Subscription,
} from "@shop/messaging";
import { deleteTopology, rabbitTransport, testLog, uniqueName } from "@shop/messaging/testing";
import { productDeps } from "../../../deps";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { aProduct, CATEGORIES } from "../../../test/fixtures";
import { consumeStockCommands, stockCommandsQueue } from "./stock-commands";

/*
 * The stock step as it runs in production, on the real PostgreSQL and RabbitMQ: commands arrive
 * on the service's queue; the handler changes stock, records the message and appends its reply
 * in one transaction; the relay publishes the reply, which an orchestrator's queue receives.
 */

const t = useTestDatabase(10);
const commands = stockCommandsQueue(uniqueName("product-commands"));
const replies = queue(uniqueName("orders"), {
  bindings: [stockReserved, stockRejected, stockReleased],
});

let transport: RabbitTransport;
let pool: pg.Pool;
let relay: OutboxRelay;
const subscriptions: Subscription[] = [];
const received: Envelope[] = [];
const dead: { info: ReturnType<typeof deadLetterInfo>; body: string }[] = [];

beforeAll(async () => {
  transport = rabbitTransport({ connectionName: "product-service-test" });
  await transport.declare([commands, replies]);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  relay = startOutboxRelay({ pool, transport, log: testLog, pollIntervalMs: 200 });
  subscriptions.push(
    await consumeStockCommands({
      transport,
      deps: productDeps(t.db),
      log: testLog,
      queue: commands,
    }),
  );
  const record = async (m: Envelope) => void received.push(m);
  subscriptions.push(
    await consumeMessages(
      transport,
      replies,
      [
        handler(stockReserved, record),
        handler(stockRejected, record),
        handler(stockReleased, record),
      ],
      { log: testLog },
    ),
  );
  subscriptions.push(
    await transport.consume(
      commands.deadLetter,
      async (d) => {
        dead.push({ info: deadLetterInfo(d), body: d.body.toString() });
        return { outcome: "ack" };
      },
      { prefetch: 10 },
    ),
  );
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.close()));
  await relay?.stop();
  await pool?.end();
  if (transport) {
    await deleteTopology(transport.exchange, [commands, replies]);
    await transport.close();
  }
});

let productId: string;
beforeEach(async () => {
  await truncateCatalog(t.db);
  await t.db.$executeRawUnsafe(`TRUNCATE TABLE "order_stock", "inbox", "outbox" CASCADE`);
  await t.db.category.createMany({ data: CATEGORIES });
  const product = aProduct({ stock: 5, priceCents: 2_500 });
  await t.db.product.create({ data: product });
  productId = product.id;
  received.length = 0;
  dead.length = 0;
});

const reserve = (orderId: string, quantity = 2) =>
  createMessage(
    stockReserve,
    { orderId, lines: [{ productId, quantity }] },
    { correlationId: orderId },
  );
const release = (orderId: string) =>
  createMessage(stockRelease, { orderId }, { correlationId: orderId });
const repliesFor = (orderId: string) => received.filter((m) => m.correlationId === orderId);
const wait = { timeout: 10_000, interval: 20 };
const stock = async () =>
  (await t.db.product.findUniqueOrThrow({ where: { id: productId } })).stock;

describe("stock commands over RabbitMQ", () => {
  it("reserves and replies with the prices, to the order's saga; the release replies released", async () => {
    const orderId = randomUUID();
    const command = reserve(orderId);
    await transport.publish([command]);
    await transport.publish([command]); // a publisher's retry after a lost confirm
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "stock.reserved",
      correlationId: orderId,
      causationId: command.messageId,
      payload: { orderId, lines: [{ productId, quantity: 2, unitPriceCents: 2_500 }] },
    });
    expect(await stock()).toBe(3);

    await transport.publish([release(orderId)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(2), wait);
    expect(repliesFor(orderId)[1]).toMatchObject({ type: "stock.released", payload: { orderId } });
    expect(await stock()).toBe(5);
    await new Promise((r) => setTimeout(r, 300)); // no reply for the duplicate on its way
    expect(repliesFor(orderId)).toHaveLength(2);
  });

  it("dead-letters malformed commands with their reason, changes nothing, and goes on", async () => {
    const orderId = randomUUID();
    const valid = reserve(orderId);
    const offSchema = {
      ...valid,
      messageId: randomUUID(),
      payload: { orderId, lines: [{ productId, quantity: 0 }] },
    };
    await transport.publishRaw("stock.reserve", Buffer.from(JSON.stringify(offSchema)));
    await transport.publishRaw("stock.release", Buffer.from("{not json"));
    await transport.publishRaw(
      "stock.reserve",
      Buffer.from(JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 })),
    );
    await vi.waitFor(() => expect(dead).toHaveLength(3), wait);
    expect(dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "unknown_message",
    ]);
    const payloadFault = dead.find((d) => d.info?.reason === "invalid_payload");
    expect(payloadFault?.info?.detail).toContain("quantity");
    expect(payloadFault?.info?.queue).toBe(commands.name);
    expect(await stock()).toBe(5);
    expect(await t.db.orderStock.count()).toBe(0);

    // The consumer is still there: a valid command after them is handled.
    await transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(await stock()).toBe(3);
  });
});
