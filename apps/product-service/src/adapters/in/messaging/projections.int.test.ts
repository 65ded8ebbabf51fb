import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createMessage, PRODUCT_PROJECTIONS, productUpdated, type Envelope } from "@shop/contracts";
import {
  consumeMessages,
  deadLetterInfo,
  queueFor,
  startOutboxRelay,
  type OutboxRelay,
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
import { createProduct } from "../../../application/create-product";
import { listProducts } from "../../../application/list-products";
import { popularProducts } from "../../../application/popular-products";
import { updateProduct } from "../../../application/update-product";
import type { ProductDeps, ProductWithCategory } from "../../../application/ports";
import { productDeps } from "../../../deps";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { CATEGORIES, orderCompletedEvent, orderReturnEvent, VISITOR } from "../../../test/fixtures";
import { valueOf } from "../../../test/results";
import { toProductDto } from "../../product-dto";
import { projectionHandlers } from "./projections";

/*
 * The projector as it runs in production, on the real PostgreSQL and RabbitMQ: product-service's
 * own product events leave through the outbox and its relay, order.completed (and
 * order.cancelled / order.refunded) arrive as order-service publishes them, and both reach the read models only through the projections queue
 * (a queue and an exchange of this run's own, deleted afterwards). One projector with prefetch
 * 1 handles the queue's messages one after another, so once a later message shows in the read
 * models, every earlier one (a duplicate, say) has been handled too.
 */

const t = useTestDatabase(10);
const projections = queueFor(PRODUCT_PROJECTIONS, { name: uniqueName("product-projections") });

let transport: RabbitTransport;
let pool: pg.Pool;
let relay: OutboxRelay;
let deps: ProductDeps;
const subscriptions: Subscription[] = [];
const dead: { info: ReturnType<typeof deadLetterInfo>; body: string }[] = [];

beforeAll(async () => {
  transport = rabbitTransport({ connectionName: "product-projections-test" });
  await transport.declare([projections]);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  relay = startOutboxRelay({ pool, transport, log: testLog, pollIntervalMs: 200 });
  deps = productDeps(t.db, { days: 3, timeZone: "UTC" });
  subscriptions.push(
    await consumeMessages(transport, projections, projectionHandlers(deps), {
      log: testLog,
      prefetch: 1,
    }),
  );
  subscriptions.push(
    await transport.consume(
      projections.deadLetter,
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
    await deleteTopology(transport.exchange, [projections]);
    await transport.close();
  }
});

beforeEach(async () => {
  await truncateCatalog(t.db);
  await t.db.category.createMany({ data: CATEGORIES });
  dead.length = 0;
});

const wait = { timeout: 10_000, interval: 25 };

/** A product made through the command side, once the projector has put it in the view. */
async function product(name: string, priceCents = 500): Promise<ProductWithCategory> {
  const made = valueOf(
    await createProduct(deps, {
      name,
      description: "",
      categorySlug: "kitchen",
      priceCents,
      stock: 100,
    }),
  );
  await vi.waitFor(async () => expect(await deps.catalog.findById(made.id)).not.toBeNull(), wait);
  return made;
}

/** An order completed just now, as order-service publishes it. */
const sale = (lines: [ProductWithCategory, number][], orderId: string = randomUUID()) =>
  orderCompletedEvent({
    orderId,
    completedAt: new Date(),
    lines: lines.map(([p, quantity]) => ({
      productId: p.id,
      quantity,
      unitPriceCents: p.priceCents,
    })),
  });

/** The units of a sale (its lines, at their prices) that a cancellation or refund gives back. */
const returned = (
  kind: "cancelled" | "refunded",
  order: ReturnType<typeof sale>,
  lines = order.payload.lines,
) =>
  orderReturnEvent(kind, {
    orderId: order.payload.orderId,
    soldAt: new Date(order.payload.completedAt),
    lines,
  });

/** What "Popular now" shows a visitor: [name, units, revenue]. */
const popular = async () =>
  (await popularProducts(deps, VISITOR)).items.map((i) => [
    i.product.name,
    i.units,
    i.revenueCents,
  ]);

const historyCount = async () =>
  (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM event_history`)[0]!.n;

describe.skipIf(NO_RABBITMQ)("the projector over RabbitMQ", () => {
  it("keeps the catalog view in step with the command side, through the outbox and the broker", async () => {
    const mug = await product("Mug");
    expect(await deps.catalog.findById(mug.id)).toMatchObject({ name: "Mug", version: 1 });
    valueOf(await updateProduct(deps, mug.id, { name: "Big Mug", priceCents: 700 }, 1));
    await vi.waitFor(
      async () =>
        expect(await deps.catalog.findById(mug.id)).toMatchObject({
          name: "Big Mug",
          priceCents: 700,
          version: 2,
        }),
      wait,
    );
  });

  it("counts a completed order once: a redelivery or a re-send under a new message id changes nothing", async () => {
    const mug = await product("Mug");
    const cup = await product("Cup", 300);
    const order = sale([
      [mug, 2],
      [cup, 1],
    ]);
    await transport.publish([order]);
    await vi.waitFor(
      async () =>
        expect(await popular()).toEqual([
          ["Mug", 2, 1_000],
          ["Cup", 1, 300],
        ]),
      wait,
    );
    const history = await historyCount();

    // The same message again (a publisher's retry after a lost confirm), and the same order
    // under a new message id (order-service re-sending it), then a marker order behind them.
    const resent = { ...order, messageId: randomUUID() } satisfies Envelope;
    await transport.publish([order]);
    await transport.publish([resent]);
    await transport.publish([sale([[cup, 3]])]);
    await vi.waitFor(async () => expect((await popular())[0]).toEqual(["Cup", 4, 1_200]), wait);
    expect(await popular()).toEqual([
      ["Cup", 4, 1_200],
      ["Mug", 2, 1_000],
    ]);
    expect(await historyCount()).toBe(history + 1); // the marker only
    const daily = await t.db.$queryRaw<{ units: number; orders: number }[]>`
      SELECT units, orders FROM read.product_sales_daily WHERE product_id = ${mug.id}::uuid`;
    expect(daily).toEqual([{ units: 2, orders: 1 }]);
    // The popular sort reads the same counts.
    const listing = await listProducts(
      deps,
      { status: "active", sort: "popular", page: 1, pageSize: 12 },
      VISITOR,
    );
    expect(listing.items.map((p) => p.name)).toEqual(["Cup", "Mug"]);
  });

  it("applies product events that arrive late or twice only when newer", async () => {
    const mug = await product("Mug");
    const state = (version: number, name: string) =>
      createMessage(productUpdated, toProductDto({ ...mug, name, version }), {
        correlationId: mug.id,
      });
    // Version 3 first, then the older 2, then 3 again: the view keeps 3.
    await transport.publish([state(3, "Mug v3")]);
    await transport.publish([state(2, "Mug v2")]);
    await transport.publish([state(3, "Mug v3 again")]);
    await transport.publish([sale([[mug, 1]])]); // a marker behind them
    await vi.waitFor(async () => expect(await popular()).toEqual([["Mug v3", 1, 500]]), wait);
    expect(await deps.catalog.findById(mug.id)).toMatchObject({ name: "Mug v3", version: 3 });
  });

  it("dead-letters malformed messages with the reason, counts nothing, and goes on", async () => {
    const mug = await product("Mug");
    const valid = sale([[mug, 2]]);
    const offSchema = {
      ...valid,
      messageId: randomUUID(),
      payload: { ...valid.payload, lines: [{ productId: mug.id, quantity: 0, unitPriceCents: 1 }] },
    };
    await transport.publishRaw("order.completed", Buffer.from(JSON.stringify(offSchema)));
    await transport.publishRaw("product.updated", Buffer.from("{not json"));
    await transport.publishRaw(
      "order.completed",
      Buffer.from(JSON.stringify({ ...valid, messageId: randomUUID(), version: 9 })),
    );
    await vi.waitFor(() => expect(dead).toHaveLength(3), wait);
    expect(dead.map((d) => d.info?.reason).sort()).toEqual([
      "invalid_json",
      "invalid_payload",
      "unsupported_version",
    ]);
    const payloadFault = dead.find((d) => d.info?.reason === "invalid_payload");
    expect(payloadFault?.info?.detail).toContain("quantity");
    expect(payloadFault?.info?.queue).toBe(projections.name);
    expect(JSON.parse(payloadFault!.body)).toMatchObject({ messageId: offSchema.messageId });
    expect(await popular()).toEqual([]);
    expect(await t.db.$queryRaw`SELECT * FROM read.product_sales_daily`).toEqual([]);

    // The projector is still there: the valid order after them is counted.
    await transport.publish([valid]);
    await vi.waitFor(async () => expect(await popular()).toEqual([["Mug", 2, 1_000]]), wait);
    expect(dead).toHaveLength(3);
  });

  it("takes refunded and cancelled units off the sales, once per refund", async () => {
    const mug = await product("Mug");
    const cup = await product("Cup", 300);
    const first = sale([
      [mug, 3],
      [cup, 1],
    ]);
    const second = sale([[cup, 4]]);
    await transport.publish([first, second]);
    await vi.waitFor(
      async () =>
        expect(await popular()).toEqual([
          ["Cup", 5, 1_500],
          ["Mug", 3, 1_500],
        ]),
      wait,
    );
    const refund = returned("refunded", first, [
      { productId: mug.id, quantity: 1, unitPriceCents: 500 },
    ]);
    await transport.publish([refund]);
    await transport.publish([refund]); // a publisher's retry
    await transport.publish([{ ...refund, messageId: randomUUID() }]); // re-sent
    await transport.publish([returned("cancelled", second)]);
    await vi.waitFor(
      async () =>
        expect(await popular()).toEqual([
          ["Mug", 2, 1_000],
          ["Cup", 1, 300],
        ]),
      wait,
    );
    // A marker behind them: the duplicates took nothing more off.
    await transport.publish([sale([[cup, 5]])]);
    await vi.waitFor(async () => expect((await popular())[0]).toEqual(["Cup", 6, 1_800]), wait);
    expect(await popular()).toEqual([
      ["Cup", 6, 1_800],
      ["Mug", 2, 1_000],
    ]);
    const returns = await t.db.$queryRaw<{ type: string }[]>`
      SELECT type FROM event_history WHERE refund_id IS NOT NULL ORDER BY seq`;
    expect(returns.map((r) => r.type)).toEqual(["order.refunded", "order.cancelled"]);
  });

  it("dead-letters a malformed cancellation or refund, takes nothing off, and goes on", async () => {
    const mug = await product("Mug");
    const order = sale([[mug, 4]]);
    await transport.publish([order]);
    await vi.waitFor(async () => expect(await popular()).toEqual([["Mug", 4, 2_000]]), wait);
    const valid = returned("refunded", order, [
      { productId: mug.id, quantity: 1, unitPriceCents: 500 },
    ]);
    const noSoldAt = {
      ...valid,
      messageId: randomUUID(),
      payload: { ...valid.payload, soldAt: "yesterday" },
    };
    const noLines = {
      ...valid,
      type: "order.cancelled",
      messageId: randomUUID(),
      payload: { ...valid.payload, lines: [] },
    };
    await transport.publishRaw("order.refunded", Buffer.from(JSON.stringify(noSoldAt)));
    await transport.publishRaw("order.cancelled", Buffer.from(JSON.stringify(noLines)));
    await vi.waitFor(() => expect(dead).toHaveLength(2), wait);
    expect(dead.map((d) => d.info?.reason)).toEqual(["invalid_payload", "invalid_payload"]);
    expect(dead.map((d) => d.info?.detail ?? "").join("\n")).toMatch(
      /soldAt[\s\S]*lines|lines[\s\S]*soldAt/,
    );
    expect(await popular()).toEqual([["Mug", 4, 2_000]]);

    await transport.publish([valid]);
    await vi.waitFor(async () => expect(await popular()).toEqual([["Mug", 3, 1_500]]), wait);
    expect(dead).toHaveLength(2);
  });
});
