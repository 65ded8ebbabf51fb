import type { Browser, Page } from "@playwright/test";
import {
  balanceOf,
  bff,
  embeddedStack,
  expect,
  ONE_PROCESS,
  signInAs,
  signUpShopper,
  snap,
  stackPid,
  stockOf,
  test,
} from "./support";

/*
 * A crashed process is restarted by the supervisor (scripts/lib/processes.mjs), and the rest of
 * the shop keeps running meanwhile: the order service is killed in the middle of a checkout,
 * the catalog keeps answering while it is away, and the order completes once it is back.
 */

/** order-service's own port in the e2e stack (services.json's 4005, plus the profile's 100). */
const ORDER_SERVICE_READY = "http://127.0.0.1:4105/ready";

/** Whether order-service answers its readiness probe right now. */
const orderServiceAnswers = () =>
  fetch(ORDER_SERVICE_READY, { signal: AbortSignal.timeout(1_000) }).then(
    (res) => res.ok,
    () => false,
  );

/** payment-service is paused (SIGSTOP) to hold the saga at its payment step. */
const resumePayment = () => process.kill(stackPid("payment-service"), "SIGCONT");
// Even if the test fails, payment-service must not stay paused for the next tests.
test.beforeEach(() => test.skip(embeddedStack(), ONE_PROCESS));
test.afterEach(() => {
  if (!embeddedStack()) resumePayment();
});

interface Product {
  id: string;
  slug: string;
  name: string;
  stock: number;
}

async function productForTheTest(browser: Browser, baseURL: string, clientIp: string) {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
  });
  const admin = await context.newPage();
  await signInAs(admin, "admin", clientIp);
  const product = await bff<Product>(
    admin,
    "admin.products.create",
    {
      name: `Restart Field Notebook ${Date.now()}`,
      categorySlug: "stationery",
      priceCents: 1_500,
      stock: 5,
      description: "Made for the restart test.",
      image: "/images/products/dot-grid-notebook-a5.svg",
    },
    true,
  );
  await context.close();
  return product;
}

/**
 * What a visitor who is not signed in reads of the catalog, one read at a time: the BFF's
 * catalog query, the listing and the product's page.
 */
const catalogReads = (visitor: Page, product: Product) => [
  async () => {
    const answer = await bff<Product>(visitor, "catalog.product", { slug: product.slug });
    expect(answer.id).toBe(product.id);
  },
  async () => {
    await visitor.goto("/products");
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("All products");
  },
  async () => {
    await visitor.goto(`/products/${product.slug}`);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(product.name);
  },
];

test("the order service killed mid-checkout is restarted, the catalog answers meanwhile, and the order completes", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(90_000);
  const product = await productForTheTest(browser, baseURL!, clientIp);
  const others = { web: stackPid("web"), product: stackPid("product-service") };

  await signUpShopper(page, clientIp, "Rita Restart");
  await bff(
    page,
    "wallet.charge",
    { amountCents: 5_000, idempotencyKey: `e2e-${crypto.randomUUID()}` },
    true,
  );
  await bff(page, "cart.add", { productId: product.id, quantity: 2 }, true);
  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-total")).toHaveText("$30.00");

  // The saga waits at its payment step (payment-service paused), so the kill is mid-checkout.
  process.kill(stackPid("payment-service"), "SIGSTOP");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;
  await expect(page.locator('[data-step="reserve-stock"]')).toHaveAttribute("data-status", "done");
  const pay = page.locator('[data-step="pay"]');
  await expect(pay).toContainText("In progress");

  // Another visitor, not signed in, who browses the catalog through the outage.
  const visitorContext = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
  });
  const visitor = await visitorContext.newPage();
  const reads = catalogReads(visitor, product);
  for (const read of reads) await read(); // before: the pages' scripts are in its cache now

  const killed = stackPid("order-service");
  const killedAt = Date.now();
  process.kill(killed, "SIGKILL");
  // Payment answers while the order service is away: its reply waits in the queue.
  resumePayment();
  await expect.poll(orderServiceAnswers, { timeout: 2_000, intervals: [25] }).toBe(false);

  // Until the order service answers again, a visitor keeps reading the catalog.
  let down = true;
  const back = (async () => {
    const giveUpAt = Date.now() + 15_000;
    while (!(await orderServiceAnswers()) && Date.now() < giveUpAt)
      await new Promise((r) => setTimeout(r, 50));
    down = false;
    return Date.now() < giveUpAt ? Date.now() : null;
  })();
  let readsWhileDown = 0;
  for (let i = 0; down; i++) {
    await reads[i % reads.length]!();
    if (down) readsWhileDown += 1; // the probe had not seen it back when this read answered
  }
  const backAt = await back;
  expect(backAt, "order-service did not come back within 15 s").not.toBeNull();
  expect(
    readsWhileDown,
    "no catalog read finished while the order service was down",
  ).toBeGreaterThan(0);
  for (const read of reads) await read(); // and after
  await visitorContext.close();

  // The supervisor started a new one (after its 0.5 s backoff) and wrote its PID in the PID
  // file; nothing else was restarted.
  const restarted = stackPid("order-service");
  expect(restarted).not.toBe(killed);
  process.kill(restarted, 0); // throws if the PID file named a process that is not running
  expect(stackPid("web")).toBe(others.web);
  expect(stackPid("product-service")).toBe(others.product);

  // The shopper's order page, still open, keeps asking and sees the order complete.
  const outcome = page.getByTestId("order-outcome");
  await expect(outcome).toContainText("Your order is complete", { timeout: 20_000 });
  await expect(outcome).toContainText("$30.00 was paid from your balance");
  await expect(page.getByTestId("order-state")).toHaveText("Completed");
  await expect(pay).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("header-balance")).toHaveText("$20.00");
  await snap(page, "order-completed-after-restart");

  // The payment's reply was handled by the restarted service, after the kill.
  const order = await bff<{ state: string; timeline: { step: string; at: string | null }[] }>(
    page,
    "orders.get",
    { orderId },
  );
  expect(order.state).toBe("COMPLETED");
  const paidAt = order.timeline.find((s) => s.step === "pay")?.at;
  expect(Date.parse(paidAt!)).toBeGreaterThan(killedAt);
  expect(await balanceOf(page)).toBe(2_000);
  await expect.poll(() => stockOf(page, product.slug)).toBe(3);
});
