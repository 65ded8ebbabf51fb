import {
  exportIdOf,
  type DataPlatform,
  type ExportedOrder,
  type ExportedOrderEvent,
  type ExportItem,
  type SendOutcome,
} from "../../../application/export-ports";

/*
 * The data platform over HTTP, bounded by a timeout:
 *   a completed order: `POST <url>` (.../orders) with the order as JSON, `Idempotency-Key: <orderId>`
 *   an order event:    `POST <url>/../order-events` (orderEventsUrl: .../order-events beside it)
 *                      with the event as JSON, `Idempotency-Key: <eventId>`
 * What an answer means, for both:
 *   2xx                      delivered (`{"duplicate":true}` in the body: it had it already)
 *   409                      delivered: the platform already has this key
 *   408, 429, 5xx            unavailable: sent again after a backoff
 *   any other 4xx            refused for good, with the status and the start of the body
 *   no answer (refused connection, DNS, reset, timeout), 1xx/3xx: unavailable
 * Redirects are not followed: a POST must not turn into something else on the way.
 */

export interface HttpDataPlatformOptions {
  /** Where orders are POSTed (DATA_PLATFORM_URL); order events go beside it (orderEventsUrl). */
  url: string;
  /** The whole exchange, answer body included. */
  timeoutMs: number;
}

/** The order as the platform reads it: the export plus its currency (the shop's only one). */
export const platformBody = (order: ExportedOrder) => ({ ...order, currency: "USD" as const });

/**
 * A cancellation or refund as the platform reads it: its type and event id, what the event says,
 * and the currency of its amounts (as an order's).
 */
export const platformEventBody = (event: ExportedOrderEvent) => ({
  ...event,
  currency: "USD" as const,
});

/**
 * Where order events are POSTed: `order-events` in the folder of the orders' URL
 * (`http://host/orders` -> `http://host/order-events`, `https://p/api/v1/orders` ->
 * `https://p/api/v1/order-events`; a trailing slash is dropped first), so the one DATA_PLATFORM_URL names the platform for both.
 */
export const orderEventsUrl = (ordersUrl: string) =>
  new URL("order-events", ordersUrl.replace(/\/+$/, "")).toString();

/** Where an export goes and what is sent. */
function request(item: ExportItem, ordersUrl: string) {
  return item.kind === "order"
    ? { url: ordersUrl, body: platformBody(item.order) }
    : { url: orderEventsUrl(ordersUrl), body: platformEventBody(item.event) };
}

const SNIPPET = 300;

export class HttpDataPlatform implements DataPlatform {
  constructor(private readonly options: HttpDataPlatformOptions) {}

  async send(item: ExportItem): Promise<SendOutcome> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const { url, body } = request(item, this.options.url);
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "idempotency-key": exportIdOf(item),
        },
        body: JSON.stringify(body),
        redirect: "manual",
        signal,
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      return { kind: "unavailable", reason: this.why(err) };
    }
    const answer = `HTTP ${status}${text ? `: ${text.slice(0, SNIPPET)}` : ""}`;
    if (status >= 200 && status < 300) return { kind: "delivered", duplicate: saysDuplicate(text) };
    if (status === 409) return { kind: "delivered", duplicate: true };
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
      return { kind: "refused", reason: answer };
    return { kind: "unavailable", reason: answer };
  }

  private why(err: unknown): string {
    if (err instanceof Error && err.name === "TimeoutError")
      return `no answer within ${this.options.timeoutMs} ms`;
    const cause = err instanceof Error ? (err.cause as { code?: string; message?: string }) : null;
    return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  }
}

function saysDuplicate(text: string): boolean {
  try {
    return (JSON.parse(text) as { duplicate?: unknown }).duplicate === true;
  } catch {
    return false;
  }
}
