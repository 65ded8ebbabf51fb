import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { idempotencyKey, IDEMPOTENCY_KEY_HEADER, platformOrder } from "./order";
import { renderPage } from "./page";
import type { ReceivedOrders } from "./store";

/*
 * The stand-in's HTTP API:
 *   POST /orders   one order, `Idempotency-Key: <orderId>`: 200 {"received":true,"duplicate":false}
 *                  the first time, 200 {"received":true,"duplicate":true,"deliveries":n} for a key
 *                  it has seen; 400 naming the field for a missing key or a bad body.
 *   GET  /orders   what was received, as JSON; GET / the same as a page; GET /health.
 * `failWith` makes every POST answer that status and store nothing: the platform "down".
 */

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

  async function receive(req: IncomingMessage, res: ServerResponse) {
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
    const parsed = platformOrder.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        field: i.path.join(".") || "(body)",
        message: i.message,
      }));
      log.warn({ key: key.data, issues }, "order refused");
      return send(res, 400, { error: "invalid_order", field: issues[0]?.field, issues });
    }
    if (parsed.data.orderId !== key.data) {
      return send(res, 400, {
        error: "invalid_request",
        field: "Idempotency-Key",
        message: "The Idempotency-Key must be the order's orderId",
      });
    }
    const delivery = store.record(key.data, parsed.data, now());
    if (delivery.duplicate) {
      const deliveries = store.orders().find((o) => o.key === key.data)?.deliveries;
      log.info({ key: key.data, deliveries }, "duplicate delivery");
      return send(res, 200, { received: true, duplicate: true, deliveries });
    }
    log.info({ key: key.data, totalCents: parsed.data.totalCents }, "order received");
    return send(res, 200, { received: true, duplicate: false });
  }

  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const route = `${req.method} ${path}`;
    try {
      if (route === "POST /orders") return await receive(req, res);
      req.resume();
      if (route === "GET /orders")
        return send(res, 200, { ...store.summary(), orders: store.orders() });
      if (route === "GET /health") return send(res, 200, { status: "ok" });
      if (route === "GET /") {
        const html = renderPage(store.summary(), store.orders());
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(html);
      }
      if (["/", "/orders", "/health"].includes(path))
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
