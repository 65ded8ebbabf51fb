import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { z } from "zod";
import {
  idempotencyKey,
  IDEMPOTENCY_KEY_HEADER,
  platformOrder,
  platformOrderEvent,
  type PlatformOrder,
  type PlatformOrderEvent,
} from "./order";
import { renderPage } from "./page";
import type { ReceivedOrders } from "./store";

/*
 * The stand-in's HTTP API:
 *   POST /orders   one order, `Idempotency-Key: <orderId>`: 200 {"received":true,"duplicate":false}
 *                  the first time, 200 {"received":true,"duplicate":true,"deliveries":n} for a key
 *                  it has seen; 400 naming the field for a missing key or a bad body.
 *   POST /order-events   one cancellation or refund, `Idempotency-Key: <eventId>`: the same
 *                  answers, deduplicated by the event id (apart from the orders' keys).
 *   GET  /orders, GET /order-events   what was received, as JSON; GET / both as a page;
 *   GET  /health.
 * `failWith` makes every POST answer that status and store nothing: the platform "down".
 */

/** What one POST endpoint takes: its body's schema, the body's own key, and where it is kept. */
interface Intake<B> {
  schema: z.ZodType<B>;
  /** What the body is called in answers and logs ("order", "event"). */
  noun: string;
  /** The body's field the Idempotency-Key must equal. */
  keyField: string;
  keyOf: (body: B) => string;
  /** Stores the delivery; answers whether its key came before, and its deliveries if so. */
  record: (key: string, body: B, at: Date) => { duplicate: boolean; deliveries?: number };
  /** What the log says of an accepted one. */
  logged: (body: B) => Record<string, unknown>;
}

export interface ReceiverOptions {
  store: ReceivedOrders;
  log: Logger;
  /** Answer every POST /orders with this status (e.g. 503), storing nothing. */
  failWith?: number;
  now?: () => Date;
}

const MAX_BODY_BYTES = 1024 * 1024;

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function receiverHandler(options: ReceiverOptions) {
  const { store, log } = options;
  const now = options.now ?? (() => new Date());

  const orders: Intake<PlatformOrder> = {
    schema: platformOrder,
    noun: "order",
    keyField: "orderId",
    keyOf: (o) => o.orderId,
    record: (key, order, at) => {
      const { duplicate } = store.record(key, order, at);
      const deliveries = duplicate
        ? store.orders().find((o) => o.key === key)?.deliveries
        : undefined;
      return { duplicate, deliveries };
    },
    logged: (o) => ({ totalCents: o.totalCents }),
  };
  const events: Intake<PlatformOrderEvent> = {
    schema: platformOrderEvent,
    noun: "event",
    keyField: "eventId",
    keyOf: (e) => e.eventId,
    record: (key, event, at) => {
      const { duplicate } = store.recordEvent(key, event, at);
      const deliveries = duplicate
        ? store.events().find((e) => e.key === key)?.deliveries
        : undefined;
      return { duplicate, deliveries };
    },
    logged: (e) => ({ type: e.type, orderId: e.orderId, amountCents: e.amountCents }),
  };

  /** One POST: the key header, the body (JSON, on the schema, carrying the key), then stored. */
  async function receive<B>(intake: Intake<B>, req: IncomingMessage, res: ServerResponse) {
    if (options.failWith) {
      req.resume();
      return send(res, options.failWith, { error: "failing_on_purpose" });
    }
    const key = idempotencyKey.safeParse(req.headers[IDEMPOTENCY_KEY_HEADER]);
    if (!key.success) {
      req.resume();
      return send(res, 400, {
        error: "invalid_request",
        field: "Idempotency-Key",
        message: "The Idempotency-Key header is required (1 to 200 characters)",
      });
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (err) {
      if (err instanceof TooLarge) return send(res, 413, { error: "too_large" });
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(res, 400, { error: "invalid_json", message: "The body is not JSON" });
    }
    const parsed = intake.schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        field: i.path.join(".") || "(body)",
        message: i.message,
      }));
      log.warn({ key: key.data, issues }, `${intake.noun} refused`);
      return send(res, 400, { error: `invalid_${intake.noun}`, field: issues[0]?.field, issues });
    }
    if (intake.keyOf(parsed.data) !== key.data) {
      return send(res, 400, {
        error: "invalid_request",
        field: "Idempotency-Key",
        message: `The Idempotency-Key must be the ${intake.noun}'s ${intake.keyField}`,
      });
    }
    const delivery = intake.record(key.data, parsed.data, now());
    if (delivery.duplicate) {
      log.info(
        { key: key.data, deliveries: delivery.deliveries },
        `duplicate ${intake.noun} delivery`,
      );
      return send(res, 200, { received: true, duplicate: true, deliveries: delivery.deliveries });
    }
    log.info({ key: key.data, ...intake.logged(parsed.data) }, `${intake.noun} received`);
    return send(res, 200, { received: true, duplicate: false });
  }

  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const route = `${req.method} ${path}`;
    try {
      if (route === "POST /orders") return await receive(orders, req, res);
      if (route === "POST /order-events") return await receive(events, req, res);
      req.resume();
      if (route === "GET /orders")
        return send(res, 200, { ...store.summary(), orders: store.orders() });
      if (route === "GET /order-events")
        return send(res, 200, { ...store.eventSummary(), events: store.events() });
      if (route === "GET /health") return send(res, 200, { status: "ok" });
      if (route === "GET /") {
        const html = renderPage({
          summary: store.summary(),
          orders: store.orders(),
          eventSummary: store.eventSummary(),
          events: store.events(),
        });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(html);
      }
      if (["/", "/orders", "/order-events", "/health"].includes(path))
        return send(res, 405, { error: "method_not_allowed" });
      return send(res, 404, { error: "not_found" });
    } catch (err) {
      log.error({ err, route }, "request failed");
      if (!res.headersSent) send(res, 500, { error: "internal" });
      else res.destroy();
    }
  };
}

export interface RunningReceiver {
  /** `http://host:port`; orders go to `${url}/orders`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections (a sender sees the platform go down). */
  close(): Promise<void>;
}

/** Listens on host:port (port 0: any free one). */
export async function startReceiver(
  options: ReceiverOptions & { host?: string; port: number },
): Promise<RunningReceiver> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(receiverHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
