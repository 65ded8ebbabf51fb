import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMessage,
  stockRejected,
  stockRelease,
  stockReleased,
  stockReserve,
  stockReserved,
  stockRestock,
  stockRestocked,
  PRODUCT_COMMANDS,
} from "@shop/contracts";
import { startParticipantHarness, type ParticipantHarness } from "@shop/messaging/testing";
import { productDeps } from "../../../deps";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { aProduct, CATEGORIES } from "../../../test/fixtures";
import { stockCommandHandlers } from "./stock-commands";

/*
 * The stock step as it runs in production, on the real PostgreSQL and RabbitMQ: commands arrive
 * on the service's queue; the handler changes stock, records the message and appends its reply
 * in one transaction; the relay publishes the reply, which an orchestrator's queue receives.
 */

const t = useTestDatabase(10);
let h: ParticipantHarness;

beforeAll(async () => {
  h = await startParticipantHarness({
    databaseUrl: t.url,
    commands: PRODUCT_COMMANDS,
    handlers: stockCommandHandlers(productDeps(t.db)),
    replies: [stockReserved, stockRejected, stockReleased, stockRestocked],
    connectionName: "product-service-test",
  });
});

afterAll(() => h?.close());

let productId: string;
beforeEach(async () => {
  await truncateCatalog(t.db);
  await t.db.$executeRawUnsafe(
    `TRUNCATE TABLE "order_stock", "stock_restock", "inbox", "outbox" CASCADE`,
  );
  await t.db.category.createMany({ data: CATEGORIES });
  const product = aProduct({ stock: 5, priceCents: 2_500 });
  await t.db.product.create({ data: product });
  productId = product.id;
  h.clear();
});

const reserve = (orderId: string, quantity = 2) =>
  createMessage(
    stockReserve,
    { orderId, lines: [{ productId, quantity }] },
    { correlationId: orderId },
  );
const release = (orderId: string) =>
  createMessage(stockRelease, { orderId }, { correlationId: orderId });
/** A cancellation's or refund's restock, in its own saga (the refund id). */
const restock = (orderId: string, refundId: string, quantity = 2) =>
  createMessage(
    stockRestock,
    { orderId, refundId, lines: [{ productId, quantity }] },
    { correlationId: refundId },
  );
const repliesFor = (orderId: string) => h.replies.filter((m) => m.correlationId === orderId);
const wait = { timeout: 10_000, interval: 20 };
const stock = async () =>
  (await t.db.product.findUniqueOrThrow({ where: { id: productId } })).stock;

describe("stock commands over RabbitMQ", () => {
  it("reserves and replies with the prices, to the order's saga; the release replies released", async () => {
    const orderId = randomUUID();
    const command = reserve(orderId);
    await h.transport.publish([command]);
    await h.transport.publish([command]); // a publisher's retry after a lost confirm
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(repliesFor(orderId)[0]).toMatchObject({
      type: "stock.reserved",
      correlationId: orderId,
      causationId: command.messageId,
      payload: { orderId, lines: [{ productId, quantity: 2, unitPriceCents: 2_500 }] },
    });
    expect(await stock()).toBe(3);

    await h.transport.publish([release(orderId)]);
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
    await h.transport.publishRaw("stock.reserve", Buffer.from(JSON.stringify(offSchema)));
    await h.transport.publishRaw("stock.release", Buffer.from("{not json"));
    await h.transport.publishRaw(
      "stock.reserve",
      Buffer.from(JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 })),
    );
    await vi.waitFor(() => expect(h.dead).toHaveLength(3), wait);
    expect(h.dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "unsupported_version",
    ]);
    const payloadFault = h.dead.find((d) => d.info?.reason === "invalid_payload");
    expect(payloadFault?.info?.detail).toContain("quantity");
    expect(payloadFault?.info?.queue).toBe(h.commands.name);
    expect(await stock()).toBe(5);
    expect(await t.db.orderStock.count()).toBe(0);

    // The consumer is still there: a valid command after them is handled.
    await h.transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(await stock()).toBe(3);
  });

  it("restocks once per refund and replies stock.restocked to the refund's saga", async () => {
    const orderId = randomUUID();
    await h.transport.publish([reserve(orderId, 3)]);
    await vi.waitFor(() => expect(repliesFor(orderId)).toHaveLength(1), wait);
    expect(await stock()).toBe(2);

    const refundId = randomUUID();
    const command = restock(orderId, refundId);
    await h.transport.publish([command]);
    await h.transport.publish([command]); // a publisher's retry after a lost confirm
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(1), wait);
    expect(repliesFor(refundId)[0]).toMatchObject({
      type: "stock.restocked",
      correlationId: refundId,
      causationId: command.messageId,
      payload: { orderId, refundId },
    });
    expect(await stock()).toBe(4);
    // Re-sent by a resumed orchestrator under a new message id: answered, nothing moves.
    await h.transport.publish([restock(orderId, refundId)]);
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(2), wait);
    expect(repliesFor(refundId)[1]).toMatchObject({
      type: "stock.restocked",
      payload: { orderId, refundId },
    });
    expect(await stock()).toBe(4);
  });

  it("dead-letters a malformed restock with its reason, restocks nothing, and goes on", async () => {
    const orderId = randomUUID();
    const refundId = randomUUID();
    const valid = restock(orderId, refundId);
    const noLines = {
      ...valid,
      messageId: randomUUID(),
      payload: { orderId, refundId, lines: [] },
    };
    const badRefund = {
      ...valid,
      messageId: randomUUID(),
      payload: { ...valid.payload, refundId: "not-a-uuid" },
    };
    await h.transport.publishRaw("stock.restock", Buffer.from(JSON.stringify(noLines)));
    await h.transport.publishRaw("stock.restock", Buffer.from(JSON.stringify(badRefund)));
    await h.transport.publishRaw("stock.restock", Buffer.from("{not json"));
    await vi.waitFor(() => expect(h.dead).toHaveLength(3), wait);
    expect(h.dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "invalid_payload",
    ]);
    const details = h.dead.map((d) => d.info?.detail ?? "").join("\n");
    expect(details).toContain("lines");
    expect(details).toContain("refundId");
    expect(h.dead.every((d) => d.info?.queue === h.commands.name)).toBe(true);
    expect(await stock()).toBe(5);
    expect(await t.db.stockRestock.count()).toBe(0);

    // The consumer is still there: the valid restock after them is handled.
    await h.transport.publish([valid]);
    await vi.waitFor(() => expect(repliesFor(refundId)).toHaveLength(1), wait);
    expect(await stock()).toBe(7);
  });
});
