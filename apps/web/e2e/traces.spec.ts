import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  asAdmin,
  bff,
  charge,
  embeddedStack,
  expect,
  signUpShopper,
  snapBoth,
  test,
} from "./support";

/*
 * One checkout placed in the browser is ONE trace: the storefront's request, the BFF's tRPC
 * call to order-service, the outbox relay's PRODUCER span of each saga command and reply, each
 * participant's CONSUMER span, and back, every messaging span carrying the saga's id (the
 * order's). The e2e stack sends every process's spans to its sink (scripts/lib/trace-sink.mjs),
 * which keeps them in .shop/e2e-spans.jsonl. Red if a hop loses the context: a message whose
 * envelope dropped its trace starts a trace of its own, and its consumer's service (or the
 * span's parent) is then missing from the checkout's.
 */

const SPANS_FILE = path.join(import.meta.dirname, "../../../.shop/e2e-spans.jsonl");

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  attributes: Record<string, unknown>;
}

const SAGA_ID = "shop.saga_id";
const ROUTING_KEY = "messaging.rabbitmq.destination.routing_key";

const spansOf = (traceId: string): Span[] =>
  existsSync(SPANS_FILE)
    ? readFileSync(SPANS_FILE, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Span)
        .filter((s) => s.traceId === traceId)
    : [];

/** Each saga message of a checkout with a coupon, and the service that handles it. */
const MESSAGES = [
  ["stock.reserve", "product-service"],
  ["stock.reserved", "order-service"],
  ["coupon.use", "coupon-service"],
  ["coupon.used", "order-service"],
  ["payment.pay", "payment-service"],
  ["payment.paid", "order-service"],
] as const;

const messaging = (spans: Span[], kind: "PRODUCER" | "CONSUMER", type: string) =>
  spans.filter((s) => s.kind === kind && s.attributes[ROUTING_KEY] === type);

test("one checkout from the browser is one trace, from the storefront through the saga and back", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.skip(
    embeddedStack(),
    "embedded: the five services share one process and so one service.name (service-host), " +
      "and the in-memory transport is not RabbitMQ: the per-service trace asserted here is the " +
      "distributed stack's",
  );
  test.setTimeout(90_000);
  expect(
    existsSync(SPANS_FILE),
    `${SPANS_FILE} is missing: this e2e stack was started without its trace sink; restart it`,
  ).toBe(true);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("Traced Field Notebook", 1_500, 5);
  const campaign = await admin.campaign({ kind: "fixed", amountOffCents: 200 });

  await signUpShopper(page, clientIp, "Tracy Tracer");
  await charge(page, 5_000);
  await bff(page, "coupons.claim", { campaignId: campaign.id }, true);
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("header-cart")).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText("Added to your cart");
  await page.goto("/checkout");
  await page.getByRole("radio", { name: new RegExp(campaign.name) }).check();
  await expect(page.getByTestId("checkout-total")).toHaveText("$13.00");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("order-outcome")).toContainText("Your order is complete");

  // The saga inspector names the trace order-service recorded when the order was placed, and
  // links it to the viewer of the stack's TRACE_URL_TEMPLATE.
  await admin.page.goto(`/admin/orders/${orderId}`);
  const shown = admin.page.getByTestId("order-trace");
  await expect(shown).toHaveText(/^[0-9a-f]{32}$/);
  const traceId = (await shown.textContent())!;
  await expect(admin.page.getByRole("link", { name: traceId })).toHaveAttribute(
    "href",
    `http://localhost:16686/trace/${traceId}`,
  );
  await snapBoth(admin.page, "admin-order-trace");

  // Spans arrive in batches (OTEL_BSP_SCHEDULE_DELAY): wait for the last hop's, the reply
  // that completes the order, consumed by order-service.
  await expect
    .poll(() => messaging(spansOf(traceId), "CONSUMER", "payment.paid").length, {
      message:
        "order-service's CONSUMER span of payment.paid in the checkout's trace (a hop that " +
        "lost the trace context started a trace of its own)",
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const spans = spansOf(traceId);
  const summary = spans.map((s) => `${s.service} ${s.kind} ${s.name}`);
  test.info().annotations.push({ type: "trace", description: `${traceId}: ${summary.join("; ")}` });

  // One tree: a single root, the storefront's HTTP request that placed the order (its front's
  // span); every other span's parent is in the trace (a span whose parent was lost would
  // start, or dangle from, another trace).
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => s.parentSpanId === null);
  expect(
    roots.map((s) => `${s.service} ${s.kind} ${String(s.attributes["url.path"])}`),
    summary.join("\n"),
  ).toEqual(["web SERVER /api/trpc/orders.place"]);
  expect(spans.filter((s) => s.parentSpanId !== null && !ids.has(s.parentSpanId))).toEqual([]);

  // The storefront and every service of the saga are in it (user-service too, as the BFF
  // resolves the session; it is not part of the saga).
  expect([...new Set(spans.map((s) => s.service))]).toEqual(
    expect.arrayContaining([
      "web",
      "order-service",
      "product-service",
      "coupon-service",
      "payment-service",
    ]),
  );
  // The BFF's tRPC call places the order: order-service's HTTP request is in the trace, with
  // the saga's id from the moment the order is numbered.
  expect(
    spans
      .filter((s) => s.service === "order-service" && s.kind === "SERVER")
      .map((s) => s.attributes[SAGA_ID]),
    summary.join("\n"),
  ).toContain(orderId);

  // Each command and reply: published by the relay of its sender, consumed by its handler, both
  // with the saga's id.
  for (const [type, handler] of MESSAGES) {
    const sent = messaging(spans, "PRODUCER", type);
    const received = messaging(spans, "CONSUMER", type);
    expect(sent.length, `a PRODUCER span of ${type}`).toBeGreaterThan(0);
    expect(
      received.map((s) => s.service),
      `the CONSUMER spans of ${type}`,
    ).toContain(handler);
    for (const s of [...sent, ...received])
      expect(s.attributes[SAGA_ID], `${s.kind} ${type}`).toBe(orderId);
    // The consumer continues the span that published the message, not just the trace.
    expect(received.every((r) => sent.some((p) => p.spanId === r.parentSpanId))).toBe(true);
  }
  // Nothing on the trace carries another saga's id.
  expect(spans.filter((s) => SAGA_ID in s.attributes && s.attributes[SAGA_ID] !== orderId)).toEqual(
    [],
  );

  // Next.js's own spans (registered through the global OpenTelemetry API) are the storefront's.
  const nextSpans = spans.filter((s) => "next.span_type" in s.attributes);
  expect(nextSpans.length, summary.join("\n")).toBeGreaterThan(0);
  expect(new Set(nextSpans.map((s) => s.service))).toEqual(new Set(["web"]));
  await admin.close();
});
