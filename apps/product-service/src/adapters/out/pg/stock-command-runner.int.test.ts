import { randomUUID } from "node:crypto";
import { PRODUCT_COMMANDS } from "@shop/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { adjustStock } from "../../../application/adjust-stock";
import { releaseStock } from "../../../application/release-stock";
import { MAX_STOCK } from "../../../domain/product";
import { reserveStock } from "../../../application/reserve-stock";
import type { ReceivedMessage } from "@shop/kernel";
import { productDeps } from "../../../deps";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { aProduct, CATEGORIES } from "../../../test/fixtures";

/* The stock step on PostgreSQL: guards, all-or-nothing, idempotency, under concurrency. */

const t = useTestDatabase(20);
const deps = () => productDeps(t.db);
const command = (orderId: string): ReceivedMessage => ({
  consumer: PRODUCT_COMMANDS.name,
  messageId: randomUUID(),
  correlationId: orderId,
});
const stockOf = async (id: string) =>
  (await t.db.product.findUniqueOrThrow({ where: { id } })).stock;

async function seed(...fields: Parameters<typeof aProduct>[0][]) {
  const products = fields.map((f) => aProduct(f));
  await t.db.product.createMany({ data: products });
  return products.map((p) => p.id);
}

beforeEach(async () => {
  await truncateCatalog(t.db);
  await t.db.$executeRawUnsafe(`TRUNCATE TABLE "order_stock", "inbox", "outbox" CASCADE`);
  await t.db.category.createMany({ data: CATEGORIES });
});

describe("reserve and release stock on PostgreSQL", () => {
  it("50 orders at once for a product with stock 10: exactly 10 reserved, never below 0", async () => {
    const [id] = await seed({ stock: 10 });
    const d = deps();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => {
        const orderId = randomUUID();
        return reserveStock(d, command(orderId), {
          orderId,
          lines: [{ productId: id!, quantity: 1 }],
        });
      }),
    );
    const kinds = results.map((r) => (r.duplicate ? "duplicate" : r.reply.kind));
    expect(kinds.filter((k) => k === "reserved")).toHaveLength(10);
    expect(kinds.filter((k) => k === "rejected")).toHaveLength(40);
    expect(await stockOf(id!)).toBe(0);
    const total = await t.db.stockReservation.aggregate({ _sum: { quantity: true } });
    expect(total._sum.quantity).toBe(10);
    // One reply per command; the 10 reserves also each published product.stock-changed.
    const outbox = await t.db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM outbox WHERE message->>'type' LIKE 'stock.%'",
    );
    expect(outbox[0]?.n).toBe(50);
    const changes = await t.db.$queryRawUnsafe<{ version: number }[]>(
      `SELECT (message->'payload'->>'version')::int AS version FROM outbox
       WHERE message->>'type' = 'product.stock-changed' ORDER BY 1`,
    );
    // Each move its own version, and the product's row ends at the last one.
    expect(changes.map((c) => c.version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    const history = await t.db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM event_history WHERE type = 'product.stock-changed'",
    );
    expect(history[0]?.n).toBe(10);
  });

  it("multi-line orders in opposite line orders at once: all or nothing, no deadlock", async () => {
    const [a, b] = await seed({ stock: 6 }, { stock: 6 });
    const d = deps();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const orderId = randomUUID();
        const lines = [
          { productId: a!, quantity: 1 },
          { productId: b!, quantity: 2 },
        ];
        return reserveStock(d, command(orderId), {
          orderId,
          lines: i % 2 ? lines : lines.reverse(),
        });
      }),
    );
    const reserved = results.filter((r) => !r.duplicate && r.reply.kind === "reserved");
    expect(reserved).toHaveLength(3);
    expect([await stockOf(a!), await stockOf(b!)]).toEqual([3, 0]);
  });

  it("a short second line rolls the first one back and records the rejection", async () => {
    const [a, b] = await seed({ stock: 5 }, { stock: 1 });
    const orderId = randomUUID();
    const handled = await reserveStock(deps(), command(orderId), {
      orderId,
      lines: [
        { productId: a!, quantity: 2 },
        { productId: b!, quantity: 2 },
      ],
    });
    expect(handled).toEqual({
      duplicate: false,
      reply: { kind: "rejected", orderId, reason: "OUT_OF_STOCK", productId: b, available: 1 },
    });
    expect([await stockOf(a!), await stockOf(b!)]).toEqual([5, 1]);
    expect(await t.db.stockReservation.count()).toBe(0);
    expect((await t.db.orderStock.findUniqueOrThrow({ where: { orderId } })).state).toBe(
      "rejected",
    );
  });

  it("archived or unknown products are PRODUCT_UNAVAILABLE", async () => {
    const [a, old] = await seed({ stock: 5 }, { stock: 5, status: "archived" });
    for (const productId of [old!, randomUUID()]) {
      const orderId = randomUUID();
      const handled = await reserveStock(deps(), command(orderId), {
        orderId,
        lines: [
          { productId: a!, quantity: 1 },
          { productId, quantity: 1 },
        ],
      });
      expect(handled).toMatchObject({ reply: { reason: "PRODUCT_UNAVAILABLE", productId } });
    }
    expect([await stockOf(a!), await stockOf(old!)]).toEqual([5, 5]);
  });

  it("the same reserve twice (one message, and re-sent) answers the same and reserves once", async () => {
    const [a] = await seed({ stock: 5, priceCents: 1_250 });
    const orderId = randomUUID();
    const request = { orderId, lines: [{ productId: a!, quantity: 2 }] };
    const cmd = command(orderId);
    const [first, second] = await Promise.all([
      reserveStock(deps(), cmd, request),
      reserveStock(deps(), cmd, request),
    ]);
    expect([first, second].filter((h) => h.duplicate)).toHaveLength(1);
    const again = await reserveStock(deps(), command(orderId), request);
    expect(again).toEqual([first, second].find((h) => !h.duplicate));
    expect(again).toMatchObject({ reply: { lines: [{ unitPriceCents: 1_250, quantity: 2 }] } });
    expect(await stockOf(a!)).toBe(3);
    expect(await t.db.stockReservation.count()).toBe(1);
  });

  it("release gives back exactly what the order took; twice (even at once) releases once", async () => {
    const [a, b] = await seed({ stock: 5 }, { stock: 5 });
    const orderId = randomUUID();
    const other = randomUUID();
    await reserveStock(deps(), command(orderId), {
      orderId,
      lines: [
        { productId: a!, quantity: 2 },
        { productId: b!, quantity: 4 },
      ],
    });
    await reserveStock(deps(), command(other), {
      orderId: other,
      lines: [{ productId: a!, quantity: 1 }],
    });
    const released = await Promise.all([
      releaseStock(deps(), command(orderId), orderId),
      releaseStock(deps(), command(orderId), orderId),
    ]);
    expect(released.map((r) => !r.duplicate && r.reply)).toEqual([
      { kind: "released", orderId },
      { kind: "released", orderId },
    ]);
    expect([await stockOf(a!), await stockOf(b!)]).toEqual([4, 5]);
  });

  it("stock an admin added while units were reserved is kept when they are released: units never vanish at the stock bound", async () => {
    const [a] = await seed({ stock: MAX_STOCK });
    const orderId = randomUUID();
    await reserveStock(deps(), command(orderId), {
      orderId,
      lines: [{ productId: a!, quantity: 5 }],
    });
    // The shop now holds MAX_STOCK units: 5 reserved, the rest on hand; an admin adds 5.
    expect(await adjustStock(deps(), a!, 5)).toMatchObject({ ok: true });
    expect(await stockOf(a!)).toBe(MAX_STOCK);
    await releaseStock(deps(), command(orderId), orderId);
    expect(await stockOf(a!)).toBe(MAX_STOCK + 5);
  });

  it("a release before the reserve is recorded; the late reserve is refused ORDER_RELEASED", async () => {
    const [a] = await seed({ stock: 5 });
    const orderId = randomUUID();
    await releaseStock(deps(), command(orderId), orderId);
    const late = await reserveStock(deps(), command(orderId), {
      orderId,
      lines: [{ productId: a!, quantity: 1 }],
    });
    expect(late).toEqual({
      duplicate: false,
      reply: { kind: "rejected", orderId, reason: "ORDER_RELEASED" },
    });
    expect(await stockOf(a!)).toBe(5);
    expect(await t.db.stockReservation.count()).toBe(0);
  });

  it("the CHECK constraints stop a bad reservation or a reserved record without its reply", async () => {
    const [a] = await seed({ stock: 5 });
    const orderId = randomUUID();
    await expect(
      t.db.orderStock.create({
        data: { orderId, state: "reserved", createdAt: new Date(), updatedAt: new Date() },
      }),
    ).rejects.toThrow();
    await t.db.orderStock.create({
      data: { orderId, state: "reserved", reply: {}, createdAt: new Date(), updatedAt: new Date() },
    });
    await expect(
      t.db.stockReservation.create({ data: { orderId, productId: a!, quantity: 0 } }),
    ).rejects.toThrow();
  });
});
