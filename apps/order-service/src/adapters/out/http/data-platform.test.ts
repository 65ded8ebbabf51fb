import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  anEventExport,
  anExportedOrder,
  anOrderEvent,
  anOrderExport,
} from "../../../test/export-store-contract";
import { HttpDataPlatform, orderEventsUrl } from "./data-platform";

/** A platform that answers what the test says, and remembers what it was sent. */
let answer: (req: IncomingMessage) => { status: number; body?: string; hang?: boolean };
const received: {
  headers: IncomingMessage["headers"];
  body: unknown;
  method?: string;
  url?: string;
}[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      const a = answer(req);
      if (a.hang) return;
      res.writeHead(a.status, { "content-type": "application/json" });
      res.end(a.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  received.length = 0;
});

const platform = (timeoutMs = 2_000) => new HttpDataPlatform({ url, timeoutMs });

describe("the data platform over HTTP", () => {
  it("POSTs the order as JSON under its id as the idempotency key", async () => {
    answer = () => ({ status: 200, body: '{"received":true,"duplicate":false}' });
    const order = anExportedOrder();
    expect(await platform().send({ kind: "order", order })).toEqual({
      kind: "delivered",
      duplicate: false,
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe("POST");
    expect(received[0]?.url).toBe("/orders");
    expect(received[0]?.headers["idempotency-key"]).toBe(order.orderId);
    expect(received[0]?.headers["content-type"]).toBe("application/json");
    expect(received[0]?.body).toEqual({ ...order, currency: "USD" });
  });

  it("POSTs a cancellation or refund to /order-events beside the orders, under its event id", async () => {
    answer = () => ({ status: 200, body: '{"received":true,"duplicate":true}' });
    const event = anOrderEvent({ type: "cancelled" });
    expect(await platform().send({ kind: "order-event", event })).toEqual({
      kind: "delivered",
      duplicate: true,
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/order-events" });
    expect(received[0]?.headers["idempotency-key"]).toBe(event.eventId);
    expect(received[0]?.body).toEqual({ ...event, type: "cancelled", currency: "USD" });
  });

  it("finds the order events' URL in the folder of the orders' URL", () => {
    expect(orderEventsUrl("http://127.0.0.1:4080/orders")).toBe(
      "http://127.0.0.1:4080/order-events",
    );
    expect(orderEventsUrl("https://platform.example/api/v1/orders")).toBe(
      "https://platform.example/api/v1/order-events",
    );
    expect(orderEventsUrl("https://platform.example/api/v1/orders/")).toBe(
      "https://platform.example/api/v1/order-events",
    );
  });

  it("takes a duplicate (2xx saying so, or 409) as delivered", async () => {
    answer = () => ({ status: 200, body: '{"received":true,"duplicate":true}' });
    expect(await platform().send(anOrderExport())).toEqual({
      kind: "delivered",
      duplicate: true,
    });
    answer = () => ({ status: 201 });
    expect(await platform().send(anOrderExport())).toEqual({
      kind: "delivered",
      duplicate: false,
    });
    answer = () => ({ status: 409, body: '{"error":"conflict"}' });
    expect(await platform().send(anOrderExport())).toEqual({
      kind: "delivered",
      duplicate: true,
    });
  });

  it("retries 5xx, 408 and 429; refuses any other 4xx for good, with the answer", async () => {
    for (const status of [500, 502, 503, 408, 429, 302]) {
      answer = () => ({ status, body: '{"error":"busy"}' });
      for (const item of [anOrderExport(), anEventExport()])
        expect(await platform().send(item), `${item.kind} ${status}`).toEqual({
          kind: "unavailable",
          reason: `HTTP ${status}: {"error":"busy"}`,
        });
    }
    for (const status of [400, 401, 404, 413, 422]) {
      answer = () => ({ status, body: '{"error":"invalid_order","field":"totalCents"}' });
      for (const item of [anOrderExport(), anEventExport()])
        expect(await platform().send(item), `${item.kind} ${status}`).toEqual({
          kind: "refused",
          reason: `HTTP ${status}: {"error":"invalid_order","field":"totalCents"}`,
        });
    }
  });

  it("calls a platform that does not answer in time, or at all, unavailable", async () => {
    answer = () => ({ status: 200, hang: true });
    const started = Date.now();
    expect(await platform(150).send(anOrderExport())).toEqual({
      kind: "unavailable",
      reason: "no answer within 150 ms",
    });
    expect(Date.now() - started).toBeLessThan(2_000);

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = new HttpDataPlatform({ url: `http://127.0.0.1:${port}/orders`, timeoutMs: 1_000 });
    expect(await down.send(anOrderExport())).toEqual({
      kind: "unavailable",
      reason: "ECONNREFUSED",
    });
  });
});
