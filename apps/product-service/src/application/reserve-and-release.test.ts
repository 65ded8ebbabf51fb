import { randomUUID } from "node:crypto";
import { PRODUCT_COMMANDS } from "@shop/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { aProduct, memoryDeps, type MemoryDeps } from "../test/fixtures";
import type { ReceivedMessage } from "@shop/kernel";
import { releaseStock } from "./release-stock";
import { reserveStock } from "./reserve-stock";

let deps: MemoryDeps;
const command = (orderId: string): ReceivedMessage => ({
  consumer: PRODUCT_COMMANDS.name,
  messageId: randomUUID(),
  correlationId: orderId,
});
const stockOf = (id: string) => deps.products.rows.get(id)?.stock;

beforeEach(() => {
  deps = memoryDeps();
});

async function seed(...fields: Parameters<typeof aProduct>[0][]) {
  const products = fields.map((f) => aProduct(f));
  for (const p of products) await deps.products.insert(p);
  return products;
}

describe("reserve stock", () => {
  it("reserves every line at the products' own prices", async () => {
    const [mug, lamp] = await seed(
      { stock: 5, priceCents: 1_200 },
      { stock: 2, priceCents: 4_000 },
    );
    const orderId = randomUUID();
    const handled = await reserveStock(deps, command(orderId), {
      orderId,
      lines: [
        { productId: mug!.id, quantity: 3 },
        { productId: lamp!.id, quantity: 2 },
      ],
    });
    expect(handled).toEqual({
      duplicate: false,
      reply: {
        kind: "reserved",
        orderId,
        lines: expect.arrayContaining([
          { productId: mug!.id, quantity: 3, unitPriceCents: 1_200, name: mug!.name },
          { productId: lamp!.id, quantity: 2, unitPriceCents: 4_000, name: lamp!.name },
        ]),
      },
    });
    expect([stockOf(mug!.id), stockOf(lamp!.id)]).toEqual([2, 0]);
  });

  it("reserves nothing when one line is short, and says which product and how many are left", async () => {
    const [mug, lamp] = await seed({ stock: 5 }, { stock: 1 });
    const orderId = randomUUID();
    const handled = await reserveStock(deps, command(orderId), {
      orderId,
      lines: [
        { productId: mug!.id, quantity: 3 },
        { productId: lamp!.id, quantity: 2 },
      ],
    });
    expect(handled).toEqual({
      duplicate: false,
      reply: {
        kind: "rejected",
        orderId,
        reason: "OUT_OF_STOCK",
        productId: lamp!.id,
        available: 1,
      },
    });
    expect([stockOf(mug!.id), stockOf(lamp!.id)]).toEqual([5, 1]);
  });

  it("refuses an archived or unknown product (PRODUCT_UNAVAILABLE)", async () => {
    const [mug, old] = await seed({ stock: 5 }, { stock: 5, status: "archived" });
    for (const productId of [old!.id, randomUUID()]) {
      const orderId = randomUUID();
      const handled = await reserveStock(deps, command(orderId), {
        orderId,
        lines: [
          { productId: mug!.id, quantity: 1 },
          { productId, quantity: 1 },
        ],
      });
      expect(handled).toMatchObject({
        reply: { kind: "rejected", reason: "PRODUCT_UNAVAILABLE", productId },
      });
    }
    expect(stockOf(mug!.id)).toBe(5);
  });

  it("the same message twice runs once; a re-sent reserve for the order answers the same and reserves once", async () => {
    const [mug] = await seed({ stock: 5 });
    const orderId = randomUUID();
    const request = { orderId, lines: [{ productId: mug!.id, quantity: 2 }] };
    const cmd = command(orderId);
    const first = await reserveStock(deps, cmd, request);
    expect(await reserveStock(deps, cmd, request)).toEqual({ duplicate: true });
    const again = await reserveStock(deps, command(orderId), {
      orderId,
      lines: [{ productId: mug!.id, quantity: 4 }],
    });
    expect(again).toEqual(first);
    expect(stockOf(mug!.id)).toBe(3);
  });

  it("a rejected order answers the same rejection when re-sent, even after stock arrived", async () => {
    const [mug] = await seed({ stock: 1 });
    const orderId = randomUUID();
    const request = { orderId, lines: [{ productId: mug!.id, quantity: 2 }] };
    const first = await reserveStock(deps, command(orderId), request);
    await deps.products.moveStock(mug!.id, 10, new Date());
    expect(await reserveStock(deps, command(orderId), request)).toEqual(first);
    expect(stockOf(mug!.id)).toBe(11);
  });
});

describe("release stock", () => {
  it("gives back exactly what the order took; twice gives back once", async () => {
    const [mug, lamp] = await seed({ stock: 5 }, { stock: 3 });
    const orderId = randomUUID();
    await reserveStock(deps, command(orderId), {
      orderId,
      lines: [
        { productId: mug!.id, quantity: 2 },
        { productId: lamp!.id, quantity: 3 },
      ],
    });
    const other = randomUUID();
    await reserveStock(deps, command(other), {
      orderId: other,
      lines: [{ productId: mug!.id, quantity: 1 }],
    });
    expect([stockOf(mug!.id), stockOf(lamp!.id)]).toEqual([2, 0]);
    for (let i = 0; i < 2; i++)
      expect(await releaseStock(deps, command(orderId), orderId)).toEqual({
        duplicate: false,
        reply: { kind: "released", orderId },
      });
    expect([stockOf(mug!.id), stockOf(lamp!.id)]).toEqual([4, 3]);
  });

  it("a release before the reserve: answered released, and the late reserve is refused ORDER_RELEASED", async () => {
    const [mug] = await seed({ stock: 5 });
    const orderId = randomUUID();
    expect(await releaseStock(deps, command(orderId), orderId)).toMatchObject({
      reply: { kind: "released", orderId },
    });
    const late = await reserveStock(deps, command(orderId), {
      orderId,
      lines: [{ productId: mug!.id, quantity: 1 }],
    });
    expect(late).toEqual({
      duplicate: false,
      reply: { kind: "rejected", orderId, reason: "ORDER_RELEASED" },
    });
    expect(stockOf(mug!.id)).toBe(5);
  });

  it("a reserve re-sent after the release reserves nothing again (ORDER_RELEASED)", async () => {
    const [mug] = await seed({ stock: 5 });
    const orderId = randomUUID();
    const request = { orderId, lines: [{ productId: mug!.id, quantity: 2 }] };
    await reserveStock(deps, command(orderId), request);
    await releaseStock(deps, command(orderId), orderId);
    expect(await reserveStock(deps, command(orderId), request)).toMatchObject({
      reply: { kind: "rejected", reason: "ORDER_RELEASED" },
    });
    expect(stockOf(mug!.id)).toBe(5);
  });

  it("a rejected order's release gives nothing back (it took nothing)", async () => {
    const [mug] = await seed({ stock: 1 });
    const orderId = randomUUID();
    await reserveStock(deps, command(orderId), {
      orderId,
      lines: [{ productId: mug!.id, quantity: 2 }],
    });
    expect(await releaseStock(deps, command(orderId), orderId)).toMatchObject({
      reply: { kind: "released" },
    });
    expect(stockOf(mug!.id)).toBe(1);
  });
});
