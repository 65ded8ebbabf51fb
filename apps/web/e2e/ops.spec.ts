import type { Page } from "@playwright/test";
import pg from "pg";
import { Connection } from "rabbitmq-client";
import {
  ACCOUNTS,
  bff,
  embeddedStack,
  expect,
  signInAs,
  signUpShopper,
  snapBoth,
  test,
  type Json,
} from "./support";

/*
 * The operations console as an operator uses it: a poisoned message shows up with its reason,
 * and a payment command dead-lettered while payment-service could not handle it (its table
 * gone, as after a bad migration) is replayed from the saga's page once the cause is put right,
 * and the order completes. The stack's own broker and database are reached directly: the
 * faults come from outside the shop, as in production.
 */

// The e2e stack's RabbitMQ vhost and payment database (scripts/lib/stack.mjs, profile e2e).
const BROKER = "amqp://guest:guest@127.0.0.1:5672/shop_e2e";
const PAYMENT_DB = "postgresql://postgres@127.0.0.1:5432/shop_payment_e2e";

const EMBEDDED =
  "embedded: the broker is in the host's memory, so no fault can be put into it from outside";

/** Puts bytes straight into a queue, as a broken publisher would. */
async function publishRaw(queue: string, body: string) {
  const connection = new Connection({ url: BROKER, connectionName: "e2e-poison" });
  connection.on("error", () => undefined);
  const publisher = connection.createPublisher({ confirm: true });
  try {
    await publisher.send({ exchange: "", routingKey: queue, durable: true }, Buffer.from(body));
  } finally {
    await publisher.close();
    await connection.close();
  }
}

async function onPaymentDb(sql: string) {
  const client = new pg.Client({ connectionString: PAYMENT_DB });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const takePaymentsAway = () => onPaymentDb("ALTER TABLE payment RENAME TO payment_away");
const bringPaymentsBack = () =>
  onPaymentDb(
    "DO $$ BEGIN IF to_regclass('payment_away') IS NOT NULL THEN ALTER TABLE payment_away RENAME TO payment; END IF; END $$",
  );
// Whatever happens in a test, payment-service gets its table back for the tests after it.
test.afterEach(async () => {
  if (!embeddedStack()) await bringPaymentsBack();
});

const adminPage = async (page: Page, clientIp: string) => {
  await signInAs(page, "admin", clientIp);
  return page;
};

test("a poisoned message appears in the console with its reason, readable, and is discarded by the admin", async ({
  page,
  clientIp,
}) => {
  test.skip(embeddedStack(), EMBEDDED);
  const marker = `poison-${Date.now()}`;
  await publishRaw("coupon-service.commands", `{"not json": ${marker}`);
  await adminPage(page, clientIp);
  await page.goto("/admin/ops");
  await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
  await expect(page.getByTestId("ops-service")).toHaveCount(5);
  await expect(
    page.locator('[data-testid="ops-queue"][data-queue="coupon-service.commands"]'),
  ).toBeVisible();

  const poisoned = page
    .getByTestId("dead-letter")
    .filter({ hasText: "coupon-service.commands" })
    .filter({ has: page.getByTestId("dead-letter-reason").getByText("invalid_json") })
    .first();
  await expect(poisoned).toBeVisible({ timeout: 15_000 });
  await poisoned.getByRole("button", { name: "Show message" }).click();
  await expect(poisoned.getByTestId("dead-letter-payload")).toContainText(marker);
  await snapBoth(page, "admin-ops-poisoned");

  const id = await poisoned.getAttribute("id");
  await poisoned.getByRole("button", { name: "Discard" }).click();
  await page.getByRole("button", { name: "all", exact: true }).click();
  const discarded = page.locator(`[id="${id}"]`);
  await expect(discarded).toHaveAttribute("data-status", "discarded");
  await expect(discarded.getByTestId("dead-letter-resolved")).toContainText(
    `Discarded by ${ACCOUNTS.admin.name}`,
  );
});

test("a payment dead-lettered while payment-service could not handle it is replayed by the admin once the cause is gone, and the order completes", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.skip(embeddedStack(), EMBEDDED);
  test.setTimeout(90_000);
  const adminContext = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
  });
  const admin = await adminPage(await adminContext.newPage(), clientIp);
  const product = await bff<{ id: string }>(
    admin,
    "admin.products.create",
    {
      name: `Replay Desk Lamp ${Date.now()}`,
      categorySlug: "stationery",
      priceCents: 2_500,
      stock: 3,
      description: "Made for the operations test.",
      image: "/images/products/dot-grid-notebook-a5.svg",
    } satisfies Json,
    true,
  );

  await signUpShopper(page, clientIp, "Olga Operations");
  await bff(
    page,
    "wallet.charge",
    { amountCents: 5_000, idempotencyKey: `e2e-${crypto.randomUUID()}` },
    true,
  );
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);

  await takePaymentsAway();
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;
  await expect(page.locator('[data-step="pay"]')).toContainText("In progress");

  // The saga inspector shows the payment's dead letter, with the broker's reason.
  await admin.goto(`/admin/orders/${orderId}`);
  const dead = admin.getByTestId("dead-letter").filter({ hasText: "payment.pay" });
  await expect(dead).toBeVisible({ timeout: 20_000 });
  await expect(dead.getByTestId("dead-letter-reason")).toHaveText("delivery_limit");
  await snapBoth(admin, "admin-order-dead-letter");

  await bringPaymentsBack();
  await dead.getByRole("button", { name: "Replay" }).click();
  await expect(dead).toHaveAttribute("data-status", "replayed", { timeout: 10_000 });

  const outcome = page.getByTestId("order-outcome");
  await expect(outcome).toContainText("Your order is complete", { timeout: 20_000 });
  await expect(page.getByTestId("header-balance")).toHaveText("$25.00");
  await expect(admin.getByTestId("saga-log")).toContainText("payment.paid");
  await snapBoth(admin, "admin-order-replayed");
  await adminContext.close();
});

test("a shopper gets 403 from the console and from its API", async ({ page, clientIp }) => {
  await signInAs(page, "shopper", clientIp);
  const response = await page.goto("/admin/ops");
  expect(response?.status()).toBe(403);
  const api = await page.request.get("/api/trpc/admin.ops.overview");
  expect(api.status()).toBe(403);
  const replay = await page.request.post("/api/trpc/admin.ops.replay", {
    data: { service: "payment-service", id: crypto.randomUUID() },
  });
  expect(replay.status()).toBe(403);
});
