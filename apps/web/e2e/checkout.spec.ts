import type { Page } from "@playwright/test";
import {
  asAdmin,
  balanceOf,
  bff,
  charge,
  expect,
  signUpShopper,
  snapBoth as snapPhoneToo,
  stockOf,
  test,
} from "./support";

/*
 * Checkout end to end: cart, coupon, balance, the saga's timeline to COMPLETED or CANCELLED,
 * and what it did to the balance and the stock. Each test makes its own products (with a known
 * stock) and its own shopper, so it runs the same on a fresh stack or a reused one, and the
 * seeded catalog the other tests read stays as it is.
 */

/** Collects the page's Content-Security-Policy violations (the new pages must cause none). */
async function watchPolicy(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text()))
      violations.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      // eslint-disable-next-line no-console -- runs in the page: the console is how it reports
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return violations;
}

/** Both widths, once the header's visitor-dependent part (asked by the browser) has arrived. */
async function snapBoth(page: Page, name: string) {
  await expect(page.getByTestId("header-balance")).toBeVisible();
  await snapPhoneToo(page, name);
}

test("a shopper adds to the cart, checks out with a coupon and watches the order complete", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(90_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("Checkout Ledger Notebook", 2_800, 10);
  const campaign = await admin.campaign({ kind: "fixed", amountOffCents: 500 });
  const violations = await watchPolicy(page);

  // A visitor who is not signed in is sent to sign in, and brought back.
  await page.goto(`/products/${product.slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(
    new RegExp(`/sign-in\\?next=${encodeURIComponent(`/products/${product.slug}`)}$`),
  );

  await signUpShopper(page, clientIp, "Carla Checkout");
  await charge(page, 10_000);
  await bff(page, "coupons.claim", { campaignId: campaign.id }, true);

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("header-cart")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
  await page.getByLabel("Quantity").selectOption("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toContainText("Added to your cart (2 in it now)");
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await snapBoth(page, "product-add-to-cart");

  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  const line = page.getByTestId("cart-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(product.name);
  await expect(line).toContainText("$28.00 each");
  await expect(line.getByTestId("line-stock")).toHaveText("In stock");
  await line.getByRole("button", { name: `One more ${product.name}` }).click();
  await expect(line.getByTestId("line-quantity")).toHaveText("3");
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$84.00");
  await expect(page.getByTestId("cart-count")).toHaveText("3");
  await line.getByRole("button", { name: `One less ${product.name}` }).click();
  await expect(line.getByTestId("line-quantity")).toHaveText("2");
  await expect(line.getByTestId("line-total")).toHaveText("$56.00");
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$56.00");
  await snapBoth(page, "cart");

  await page.getByRole("link", { name: "Checkout", exact: true }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("checkout-total")).toHaveText("$56.00");
  await expect(page.getByTestId("checkout-balance")).toHaveText("$100.00");
  await expect(page.getByRole("radio", { name: "No coupon" })).toBeChecked();
  const coupon = page.getByRole("radio", { name: new RegExp(campaign.name) });
  await expect(page.getByText("−$5.00").first()).toBeVisible(); // what it would take off
  await coupon.check();
  await expect(page.getByTestId("checkout-discount")).toHaveText("−$5.00");
  await expect(page.getByTestId("checkout-total")).toHaveText("$51.00");
  await expect(page.getByTestId("balance-short")).toHaveCount(0);
  await snapBoth(page, "checkout");

  const stockBefore = await stockOf(page, product.slug);
  expect(stockBefore).toBe(10);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;

  // The page asks every half second until the saga ends.
  const outcome = page.getByTestId("order-outcome");
  await expect(outcome).toContainText("Your order is complete");
  await expect(outcome).toContainText("$51.00 was paid from your balance");
  const steps = page.getByRole("list", { name: "Checkout steps" }).getByTestId("timeline-step");
  await expect(steps).toHaveCount(3);
  for (const step of ["reserve-stock", "use-coupon", "pay"])
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("order-total")).toHaveText("$51.00");
  await expect(page.getByTestId("order-discount")).toHaveText("−$5.00");
  await expect(page.getByTestId("order-state")).toHaveText("Completed");
  // The header learned the new balance, and the cart is empty.
  await expect(page.getByTestId("header-balance")).toHaveText("$49.00");
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
  await snapBoth(page, "order-completed");

  expect(await balanceOf(page)).toBe(4_900);
  await expect.poll(() => stockOf(page, product.slug)).toBe(8);

  await page.goto("/orders");
  const row = page.getByTestId("order-row").first();
  await expect(row).toContainText(orderId.slice(0, 8).toUpperCase());
  await expect(row).toContainText("2 items");
  await expect(row).toContainText("$51.00");
  await expect(row.getByTestId("order-state")).toHaveText("Completed");
  await snapBoth(page, "orders");

  // The coupon was used: it is no longer offered at checkout, and says so in "My coupons".
  await page.goto("/coupons");
  await expect(page.getByTestId("my-coupons").getByRole("listitem").first()).toContainText("used");

  // An operator sees the order and every message of its saga.
  await admin.page.goto("/admin/orders");
  await admin.page.getByRole("link", { name: orderId.slice(0, 8).toUpperCase() }).click();
  await expect(admin.page).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
  const log = admin.page.getByTestId("saga-log");
  for (const type of ["stock.reserve", "coupon.used", "payment.pay", "payment.paid"])
    await expect(log).toContainText(type);
  await expect(admin.page.getByTestId("order-state")).toHaveText("Completed");
  await snapBoth(admin.page, "admin-order-completed");
  await admin.page.goto("/admin/orders?state=COMPLETED");
  await expect(admin.page.getByTestId("admin-order-row").first()).toBeVisible();
  await snapBoth(admin.page, "admin-orders");
  await admin.close();
  expect(violations).toEqual([]);
});

test("a checkout the balance does not cover is refused before the saga, with a way to top up", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(90_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("Checkout Short Notebook", 1_800, 5);
  await admin.close();

  await signUpShopper(page, clientIp, "Shorty Balance");
  await charge(page, 1_000);
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);

  // The page says so up front, links to the wallet, and does not offer to place the order.
  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-total")).toHaveText("$18.00");
  await expect(page.getByTestId("checkout-balance")).toHaveText("$10.00");
  const short = page.getByTestId("balance-short");
  await expect(short).toContainText("Your balance is $8.00 short of this total");
  await expect(short.getByRole("link", { name: "Top up your wallet" })).toHaveAttribute(
    "href",
    "/account/wallet",
  );
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();
  await expect(page.getByText("You have no coupons to use.")).toBeVisible();
  await snapBoth(page, "checkout-short");

  // The BFF refuses it too, before any saga runs: no order, nothing taken, nothing reserved.
  const refused = await page.request.post("/api/trpc/orders.place", {
    data: { idempotencyKey: `e2e-short-${crypto.randomUUID()}` },
  });
  expect(refused.status()).toBe(400);
  const body = (await refused.json()) as {
    error: { message: string; data: { fieldErrors: Record<string, string[]> } };
  };
  expect(body.error.message).toBe(
    "Your balance is $8.00 short of the $18.00 total: top up your wallet first",
  );
  expect(body.error.data.fieldErrors.balance).toEqual([body.error.message]);
  expect((await bff<{ orders: unknown[] }>(page, "orders.mine", { limit: 10 })).orders).toEqual([]);
  expect(await balanceOf(page)).toBe(1_000);
  expect(await stockOf(page, product.slug)).toBe(5);

  // Topped up, the checkout offers the order.
  await short.getByRole("link", { name: "Top up your wallet" }).click();
  await expect(page).toHaveURL(/\/account\/wallet$/);
  await charge(page, 1_000);
  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-balance")).toHaveText("$20.00");
  await expect(page.getByTestId("balance-short")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();

  // The cart grows behind the page's back (another tab): the BFF refuses the order, and the
  // page, reading the cart and the balance again, shows the shortfall of the new total.
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByTestId("checkout-total")).toHaveText("$36.00");
  await expect(short).toContainText("Your balance is $16.00 short of this total");
  await expect(short.getByRole("link", { name: "Top up your wallet" })).toBeVisible();
  await expect(page.getByTestId("place-order-error")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();
  await expect(page).toHaveURL(/\/checkout$/);
  await snapBoth(page, "checkout-short-refused");
  expect((await bff<{ orders: unknown[] }>(page, "orders.mine", { limit: 10 })).orders).toEqual([]);
});

test("a cancelled order says why, gives the money back, and its items can go back into the cart", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(90_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("Checkout Cancelled Notebook", 1_800, 5);

  await signUpShopper(page, clientIp, "Connie Cancel");
  await charge(page, 5_000);
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;
  const outcome = page.getByTestId("order-outcome");
  await expect(outcome).toContainText("Your order is complete");
  await expect.poll(() => stockOf(page, product.slug)).toBe(4);

  // Cancelled (here through the BFF, as another tab would): the open page, which looks again
  // every few seconds at an order someone else may move on, follows it.
  await bff(page, "orders.cancel", { orderId }, true);
  await expect(outcome).toContainText("You cancelled this order", { timeout: 15_000 });
  const reason = await page.getByTestId("cancel-message").textContent();
  expect(reason?.trim()).toBeTruthy();
  await expect(outcome).toContainText("$18.00 went back to your balance");
  await expect(page.getByTestId("order-state")).toHaveText("Cancelled");
  await snapBoth(page, "order-cancelled");

  // Balance and stock are as they were.
  await expect(page.getByTestId("header-balance")).toHaveText("$50.00");
  expect(await balanceOf(page)).toBe(5_000);
  await expect.poll(() => stockOf(page, product.slug)).toBe(5);

  await page.goto("/orders");
  const row = page.getByTestId("order-row").first();
  await expect(row.getByTestId("order-state")).toHaveText("Cancelled");
  await expect(row.getByTestId("order-reason")).toHaveText(reason!.trim());

  // The items can go back into the cart for another try.
  await page.goto(`/orders/${orderId}`);
  await page.getByRole("button", { name: "Put the items back in my cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-line")).toContainText(product.name);

  await admin.page.goto(`/admin/orders/${orderId}`);
  await expect(admin.page.getByTestId("admin-cancel")).toContainText("CANCELLED_BY_SHOPPER");
  await expect(admin.page.getByTestId("refund")).toHaveAttribute("data-kind", "cancel");
  await expect(admin.page.getByTestId("refund")).toContainText("by Connie Cancel");
  await snapBoth(admin.page, "admin-order-cancelled");
  await admin.close();
});

test("double-clicking Place order places one order", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("Checkout Twice Notebook", 1_200, 20);
  await admin.close();

  await signUpShopper(page, clientIp, "Double Clicker");
  await charge(page, 5_000);
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).dblclick();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-outcome")).toContainText("Your order is complete");

  const { orders } = await bff<{ orders: { id: string }[] }>(page, "orders.mine", { limit: 10 });
  expect(orders.map((o) => o.id)).toEqual([page.url().split("/").at(-1)]);
  expect(await balanceOf(page)).toBe(5_000 - 1_200);
  await expect.poll(() => stockOf(page, product.slug)).toBe(19);

  // The same key sent twice at once (a retry racing the first try) is one order too.
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);
  const idempotencyKey = `e2e${Date.now()}twice`;
  const place = () =>
    bff<{ orderId: string; replayed: boolean }>(page, "orders.place", { idempotencyKey }, true);
  const [a, b] = await Promise.all([place(), place()]);
  expect(a.orderId).toBe(b.orderId);
  expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  expect(
    (await bff<{ orders: unknown[] }>(page, "orders.mine", { limit: 10 })).orders,
  ).toHaveLength(2);
});

test("the cart says which items cannot be ordered, and checkout waits until they are fixed", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const short = await admin.product("Checkout Scarce Notebook", 900, 4);
  const gone = await admin.product("Checkout Retired Notebook", 700, 6);

  await signUpShopper(page, clientIp, "Cart Fixer");
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty")).toBeVisible();
  await snapBoth(page, "cart-empty");

  await bff(page, "cart.add", { productId: short.id, quantity: 4 }, true);
  await bff(page, "cart.add", { productId: gone.id, quantity: 1 }, true);
  // More than the stock is refused with the reason.
  const over = await page.request.post("/api/trpc/cart.add", {
    data: { productId: short.id, quantity: 1 },
  });
  expect(over.status()).toBe(400);
  expect(await over.text()).toContain(`Only 4 left of ${short.name}`);

  await bff(admin.page, "admin.products.adjustStock", { id: short.id, delta: -2 }, true);
  await bff(admin.page, "admin.products.archive", { id: gone.id }, true);
  await admin.close();

  await page.goto("/cart");
  const scarce = page.getByTestId("cart-line").filter({ hasText: short.name });
  await expect(scarce.getByTestId("line-stock")).toHaveText("Only 2 left");
  await expect(scarce).toContainText("Only 2 left: lower the quantity to check out.");
  const retired = page.getByTestId("cart-line").filter({ hasText: "no longer sold" });
  await expect(retired.getByTestId("line-stock")).toHaveText("No longer available");
  await expect(page.getByRole("button", { name: "Checkout", exact: true })).toBeDisabled();
  await expect(page.getByText("2 items can't be ordered as they are")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("5");
  await snapBoth(page, "cart-problems");

  await scarce.getByRole("button", { name: "Make it 2" }).click();
  await expect(scarce.getByTestId("line-quantity")).toHaveText("2");
  await retired.getByRole("button", { name: "Remove the item no longer sold" }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Checkout", exact: true })).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});

test("a shopper's orders come a page at a time, each order once, through the real cursor", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(120_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const pencil = await admin.product("Paging Pencil", 100, 1_000);
  await admin.close();
  await signUpShopper(page, clientIp, "Olive Older");
  await charge(page, 10_000);
  // One more than a page (10): the last one is on the second page.
  const placed: string[] = [];
  for (let i = 0; i < 11; i++) {
    await bff(page, "cart.add", { productId: pencil.id, quantity: 1 }, true);
    const { orderId } = await bff<{ orderId: string }>(
      page,
      "orders.place",
      { idempotencyKey: `e2e-paging-${crypto.randomUUID()}` },
      true,
    );
    placed.push(orderId);
  }

  await page.goto("/orders");
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(10);
  await page.getByRole("button", { name: "Show older orders" }).click();
  await expect(rows).toHaveCount(11);
  await expect(page.getByRole("button", { name: "Show older orders" })).toHaveCount(0);
  const shown = await rows.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(shown).toEqual(placed.toReversed().map((id) => `/orders/${id}`));
});
