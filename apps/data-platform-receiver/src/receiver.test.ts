import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startReceiver, type RunningReceiver } from "./server";
import { ReceivedOrders } from "./store";

const log = pino({ level: "silent" });
const dir = mkdtempSync(join(tmpdir(), "receiver-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function order(overrides: Record<string, unknown> = {}) {
  return {
    orderId: randomUUID(),
    userId: randomUUID(),
    currency: "USD",
    lines: [{ productId: randomUUID(), quantity: 2, unitPriceCents: 1250 }],
    subtotalCents: 2500,
    discountCents: 250,
    totalCents: 2250,
    couponId: null,
    placedAt: "2026-12-05T10:00:00.000Z",
    completedAt: "2026-12-05T10:00:01.500Z",
    ...overrides,
  };
}

function orderEvent(overrides: Record<string, unknown> = {}) {
  return {
    type: "refunded",
    eventId: randomUUID(),
    orderId: randomUUID(),
    refundId: randomUUID(),
    userId: randomUUID(),
    currency: "USD",
    lines: [{ productId: randomUUID(), quantity: 1, unitPriceCents: 1250, amountCents: 1125 }],
    amountCents: 1125,
    soldAt: "2026-12-05T10:00:01.500Z",
    restocked: false,
    reason: "Arrived <b>broken</b>",
    requestedBy: randomUUID(),
    requestedAt: "2026-12-06T08:00:00.000Z",
    completedAt: "2026-12-06T08:00:02.000Z",
    ...overrides,
  };
}

let receiver: RunningReceiver;
let file: string;
beforeEach(async () => {
  file = join(dir, `${randomUUID()}.jsonl`);
  receiver = await startReceiver({ store: ReceivedOrders.open(file), log, port: 0 });
});
afterEach(() => receiver.close());

const post = (body: unknown, key?: string | null, raw?: string) =>
  fetch(`${receiver.url}/orders`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === null ? {} : { "idempotency-key": key ?? (body as { orderId: string }).orderId }),
    },
    body: raw ?? JSON.stringify(body),
  });

const postEvent = (body: unknown, key?: string | null) =>
  fetch(`${receiver.url}/order-events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === null ? {} : { "idempotency-key": key ?? (body as { eventId: string }).eventId }),
    },
    body: JSON.stringify(body),
  });

const listedEvents = async () =>
  (await (await fetch(`${receiver.url}/order-events`)).json()) as {
    events: { key: string; deliveries: number; event: unknown }[];
    duplicates: number;
    last: { key: string; duplicate: boolean } | null;
  };

const listed = async () =>
  (await (await fetch(`${receiver.url}/orders`)).json()) as {
    orders: { key: string; deliveries: number }[];
    duplicates: number;
    last: { key: string; duplicate: boolean } | null;
  };

describe("the data platform receiver", () => {
  it("takes an order once and counts every further delivery of its key as a duplicate", async () => {
    const first = order();
    const res = await post(first);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
    for (const n of [2, 3]) {
      const again = await post(first);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, duplicate: true, deliveries: n });
    }
    const other = order();
    expect((await post(other)).status).toBe(200);

    const body = await listed();
    expect(body).toMatchObject({ orders: expect.any(Array), duplicates: 2 });
    expect(body.orders.map((o) => [o.key, o.deliveries])).toEqual([
      [other.orderId, 1],
      [first.orderId, 3],
    ]);
    expect(body.last).toMatchObject({ key: other.orderId, duplicate: false });
  });

  it("refuses a missing key or a bad body with 400 naming the field, and stores nothing", async () => {
    const cases: [Response, string][] = [
      [await post(order(), null), "Idempotency-Key"],
      [await post(order(), "  "), "Idempotency-Key"],
      [await post(order(), randomUUID()), "Idempotency-Key"], // not the order's id
      [await post(order({ totalCents: -1 })), "totalCents"],
      [await post(order({ lines: [] })), "lines"],
      [await post(order({ currency: "EUR" })), "currency"],
      [await post(order({ placedAt: "yesterday" })), "placedAt"],
    ];
    const quantity = order();
    quantity.lines[0]!.quantity = 0;
    cases.push([await post(quantity), "lines.0.quantity"]);
    for (const [res, field] of cases) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field });
    }
    const notJson = await post({ orderId: randomUUID() }, undefined, "{nope");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "invalid_json" });
    expect((await listed()).orders).toEqual([]);
  });

  it("keeps what it received across a restart (the data file)", async () => {
    const a = order();
    await post(a);
    await post(a);
    await receiver.close();
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);

    receiver = await startReceiver({ store: ReceivedOrders.open(file), log, port: 0 });
    expect(await (await post(a)).json()).toMatchObject({ duplicate: true, deliveries: 3 });
    expect((await listed()).duplicates).toBe(2);
  });

  it("shows what arrived on its page, escaped", async () => {
    const a = order();
    await post(a);
    await post(a);
    const res = await fetch(`${receiver.url}/`);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain(a.orderId);
    expect(html).toMatch(/<strong id="orders">1<\/strong>/);
    expect(html).toMatch(/<strong id="duplicates">1<\/strong>/);
    expect(html).toContain("$22.50");
    expect(html).not.toContain("<script");
  });

  it("answers the down mode's status to every order, storing nothing", async () => {
    const down = await startReceiver({
      store: ReceivedOrders.open(null),
      log,
      port: 0,
      failWith: 503,
    });
    try {
      const res = await fetch(`${down.url}/orders`, {
        method: "POST",
        headers: { "idempotency-key": "k" },
        body: "{}",
      });
      expect(res.status).toBe(503);
      const body = (await (await fetch(`${down.url}/orders`)).json()) as { orders: unknown[] };
      expect(body.orders).toEqual([]);
    } finally {
      await down.close();
    }
  });

  it("answers 404 and 405 to anything else", async () => {
    expect((await fetch(`${receiver.url}/nope`)).status).toBe(404);
    expect((await fetch(`${receiver.url}/orders`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${receiver.url}/health`)).status).toBe(200);
  });

  it("takes a cancellation or refund once per event id, apart from the orders, and counts duplicates", async () => {
    const refund = orderEvent();
    const res = await postEvent(refund);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
    const again = await postEvent(refund);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true, deliveries: 2 });
    // A second refund of the same order is another event; an order under the same key is an order.
    const second = orderEvent({ orderId: refund.orderId, type: "cancelled" });
    expect(await (await postEvent(second)).json()).toMatchObject({ duplicate: false });
    const sameKey = order({ orderId: refund.eventId });
    expect(await (await post(sameKey)).json()).toMatchObject({ duplicate: false });

    const body = await listedEvents();
    expect(body.duplicates).toBe(1);
    expect(body.events.map((e) => [e.key, e.deliveries])).toEqual([
      [second.eventId, 1],
      [refund.eventId, 2],
    ]);
    expect(body.events[1]?.event).toEqual(refund);
    expect(body.last).toMatchObject({ key: second.eventId, duplicate: false });
    expect((await listed()).orders.map((o) => o.key)).toEqual([sameKey.orderId]);
  });

  it("refuses an event with a missing or wrong key or a bad body with 400 naming the field", async () => {
    const cases: [Response, string][] = [
      [await postEvent(orderEvent(), null), "Idempotency-Key"],
      [await postEvent(orderEvent(), randomUUID()), "Idempotency-Key"], // not the event's id
      [await postEvent(orderEvent({ type: "shipped" })), "type"],
      [await postEvent(orderEvent({ eventId: "e-1" }), "e-1"), "eventId"],
      [await postEvent(orderEvent({ amountCents: -5 })), "amountCents"],
      [await postEvent(orderEvent({ lines: [] })), "lines"],
      [await postEvent(orderEvent({ restocked: "yes" })), "restocked"],
      [await postEvent(orderEvent({ soldAt: "last week" })), "soldAt"],
      [await postEvent(orderEvent({ currency: undefined })), "currency"],
    ];
    const line = orderEvent();
    line.lines[0]!.amountCents = 1.5;
    cases.push([await postEvent(line), "lines.0.amountCents"]);
    // An order's body is not an event.
    const anOrder = order();
    cases.push([await postEvent(anOrder, anOrder.orderId), "type"]);
    for (const [res, field] of cases) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: expect.any(String), field });
    }
    expect((await listedEvents()).events).toEqual([]);
  });

  it("keeps the events it received across a restart, beside the orders (the data file)", async () => {
    const e = orderEvent();
    const o = order();
    await postEvent(e);
    await post(o);
    await postEvent(e);
    await receiver.close();
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(3);

    receiver = await startReceiver({ store: ReceivedOrders.open(file), log, port: 0 });
    expect(await (await postEvent(e)).json()).toMatchObject({ duplicate: true, deliveries: 3 });
    expect((await listedEvents()).events.map((x) => x.key)).toEqual([e.eventId]);
    expect((await listed()).orders.map((x) => x.key)).toEqual([o.orderId]);
  });

  it("lists cancellations and refunds on its page beside the orders, escaped", async () => {
    const e = orderEvent({ type: "cancelled", restocked: true });
    await postEvent(e);
    await postEvent(e);
    await post(order());
    const html = await (await fetch(`${receiver.url}/`)).text();
    expect(html).toMatch(/<strong id="orders">1<\/strong>/);
    expect(html).toMatch(/<strong id="events">1<\/strong>/);
    expect(html).toMatch(/<strong id="event-duplicates">1<\/strong>/);
    const table = html.slice(html.indexOf('<table id="order-events">'));
    expect(table).toContain(e.eventId);
    expect(table).toContain(e.orderId);
    expect(table).toContain("cancelled");
    expect(table).toContain("$11.25");
    expect(table).toContain("Arrived &lt;b&gt;broken&lt;/b&gt;");
    expect(html).not.toContain("<b>broken");
  });

  it("answers the down mode's status to every event too, storing nothing", async () => {
    const down = await startReceiver({
      store: ReceivedOrders.open(null),
      log,
      port: 0,
      failWith: 503,
    });
    try {
      const e = orderEvent();
      const res = await fetch(`${down.url}/order-events`, {
        method: "POST",
        headers: { "idempotency-key": e.eventId },
        body: JSON.stringify(e),
      });
      expect(res.status).toBe(503);
      const body = (await (await fetch(`${down.url}/order-events`)).json()) as {
        events: unknown[];
      };
      expect(body.events).toEqual([]);
    } finally {
      await down.close();
    }
    expect((await fetch(`${receiver.url}/order-events`, { method: "PUT" })).status).toBe(405);
  });
});
