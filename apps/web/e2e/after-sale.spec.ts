import type { APIResponse, Page } from "@playwright/test";
import {
  ACCOUNTS,
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
 * After the sale, end to end: the shopper cancels an order (money back, stock back), an admin
 * ships one order and refunds one line of another with restock, and the shopper sees both on
 * their order pages and in their wallet. Each test makes its own products and shopper.
 */

interface OrderView {
  id: string;
  state: string;
  refundedCents: number;
  refunds: { state: string }[];
}

const orderOf = (page: Page, orderId: string) => bff<OrderView>(page, "orders.get", { orderId });

/** Places the shopper's cart through the BFF and waits for the checkout saga to complete. */
async function placed(page: Page): Promise<string> {
  const { orderId } = await bff<{ orderId: string }>(
    page,
    "orders.place",
    { idempotencyKey: `e2e-after-${crypto.randomUUID()}` },
    true,
  );
  await expect.poll(async () => (await orderOf(page, orderId)).state).toBe("COMPLETED");
  return orderId;
}

/** Both widths, once the header's visitor-dependent part (asked by the browser) has arrived. */
async function snapBoth(page: Page, name: string) {
  await expect(page.getByTestId("header-balance")).toBeVisible();
  await snapPhoneToo(page, name);
}

/** A BFF call's refusal: its HTTP status and the data of its error. */
async function refusal(res: APIResponse) {
  const body = (await res.json()) as {
    error: {
      message: string;
      data: { errorCode?: string; fieldErrors?: Record<string, string[]> };
    };
  };
  return { status: res.status(), message: body.error.message, ...body.error.data };
}

test("a shopper cancels an order: the money goes back to the balance, the items back in stock", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(90_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("After Sale Cancel Notebook", 1_500, 5);
  await admin.close();

  await signUpShopper(page, clientIp, "Cleo Canceller");
  await charge(page, 5_000);
  // Not through the product page: it is a cached page, first rendered below, after the cancel.
  await bff(page, "cart.add", { productId: product.id, quantity: 2 }, true);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("order-outcome")).toContainText("Your order is complete");
  await expect(page.getByTestId("header-balance")).toHaveText("$20.00");
  await expect.poll(() => stockOf(page, product.slug)).toBe(3);
  await expect(page.getByTestId("money-paid")).toHaveText("$30.00");
  await expect(page.getByTestId("money-refunded")).toHaveText("$0.00");
  await expect(page.getByTestId("fulfilment-shipped")).toHaveText("Not yet");
  await snapBoth(page, "order-cancellable");

  // Cancel asks first; keeping the order changes nothing.
  await page.getByRole("button", { name: "Cancel order" }).click();
  const confirm = page.getByTestId("cancel-confirm");
  await expect(confirm).toContainText("$30.00 goes back to your balance");
  await snapBoth(page, "order-cancel-confirm");
  await confirm.getByRole("button", { name: "Keep the order" }).click();
  await expect(confirm).toHaveCount(0);
  expect((await orderOf(page, orderId)).state).toBe("COMPLETED");

  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();
  // The page follows the cancellation to its end.
  const outcome = page.getByTestId("order-outcome");
  await expect(outcome).toContainText("You cancelled this order");
  await expect(outcome).toContainText("$30.00 went back to your balance");
  await expect(page.getByTestId("order-state")).toHaveText("Cancelled");
  await expect(page.getByTestId("money-refunded")).toHaveText("$30.00");
  const cancellation = page.getByTestId("refund");
  await expect(cancellation).toHaveCount(1);
  await expect(cancellation).toHaveAttribute("data-kind", "cancel");
  await expect(cancellation).toHaveAttribute("data-state", "COMPLETED");
  await expect(cancellation.getByTestId("refund-amount")).toHaveText("$30.00");
  await expect(cancellation).toContainText(`2 × ${product.name}`);
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  // The header learned the balance the cancellation gave back.
  await expect(page.getByTestId("header-balance")).toHaveText("$50.00");
  await snapBoth(page, "order-cancelled-by-shopper");
  expect(await balanceOf(page)).toBe(5_000);

  // The stock is back: the product page (rendered now, for the first time) says so.
  await expect.poll(() => stockOf(page, product.slug)).toBe(5);
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("stock")).toHaveText("Only 5 left");

  // Cancelling again is the same cancel: nothing more comes back.
  const again = await bff<OrderView>(page, "orders.cancel", { orderId }, true);
  expect(again.state).toBe("CANCELLED");
  expect(await balanceOf(page)).toBe(5_000);

  // The wallet shows the refund, linked to its order.
  await page.goto("/account/wallet");
  const refund = page.locator('[data-testid="ledger-entry"][data-kind="refund"]').first();
  await expect(refund).toContainText("+$30.00");
  await expect(refund.getByTestId("ledger-order")).toHaveAttribute(
    "href",
    new RegExp(`^/orders/${orderId}(#refund-[0-9a-f-]{36})?$`),
  );
  await snapBoth(page, "wallet-refund");
});

test("an admin ships one order and refunds a line of another; the shopper sees both", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(120_000);
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const pen = await admin.product("After Sale Fountain Pen", 1_200, 10);
  const ink = await admin.product("After Sale Ink Bottle", 800, 10);

  await signUpShopper(page, clientIp, "Shay Shipped");
  await charge(page, 10_000);
  await bff(page, "cart.add", { productId: pen.id, quantity: 1 }, true);
  const shipped = await placed(page);
  await bff(page, "cart.add", { productId: pen.id, quantity: 2 }, true);
  await bff(page, "cart.add", { productId: ink.id, quantity: 1 }, true);
  const refunded = await placed(page);
  // 100.00 - 12.00 - (24.00 + 8.00)
  expect(await balanceOf(page)).toBe(5_600);
  await expect.poll(() => stockOf(page, pen.slug)).toBe(7);

  // Ship the first: carrier and tracking number.
  const a = admin.page;
  await a.goto(`/admin/orders/${shipped}`);
  await expect(a.getByTestId("order-state")).toHaveText("Completed");
  await a.getByLabel("Carrier").fill("Parcelo");
  await a.getByLabel("Tracking number").fill("PX-0042");
  await snapBoth(a, "admin-order-ship");
  await a.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(a.getByTestId("order-state")).toHaveText("Shipped");
  await expect(a.getByTestId("fulfilment-carrier")).toHaveText("Parcelo");
  await expect(a.getByTestId("fulfilment-tracking")).toHaveText("PX-0042");
  await expect(a.getByRole("button", { name: "Mark as delivered" })).toBeVisible();
  await expect(a.getByRole("button", { name: "Mark as shipped" })).toHaveCount(0);
  await snapBoth(a, "admin-order-shipped");

  // Shipping it again corrects what is given and keeps the rest (the same shipment, still
  // shipped); delivering an order not shipped is refused: it is not in a state that allows it.
  const again = await bff<{ state: string; fulfilment: { carrier: string; tracking: string } }>(
    a,
    "admin.orders.ship",
    { orderId: shipped, tracking: "PX-0043" },
    true,
  );
  expect(again).toMatchObject({
    state: "SHIPPED",
    fulfilment: { carrier: "Parcelo", tracking: "PX-0043" },
  });
  const early = await refusal(
    await a.request.post("/api/trpc/admin.orders.deliver", { data: { orderId: refunded } }),
  );
  expect(early).toMatchObject({ status: 409, errorCode: "ORDER_STATE_CONFLICT" });
  // The shopper can no longer cancel it.
  const late = await refusal(
    await page.request.post("/api/trpc/orders.cancel", { data: { orderId: shipped } }),
  );
  expect(late).toMatchObject({ status: 409, errorCode: "ORDER_NOT_CANCELLABLE" });

  // The list filters by the new states.
  await a.goto("/admin/orders?state=SHIPPED");
  await expect(
    a.getByTestId("admin-order-row").filter({ hasText: shipped.slice(0, 8).toUpperCase() }),
  ).toHaveCount(1);
  await snapBoth(a, "admin-orders-shipped");

  // Refund one pen of the second order, with restock. First what the form refuses, inline.
  await a.goto(`/admin/orders/${refunded}`);
  const form = a.getByTestId("refund-form");
  await expect(form.getByTestId("refund-scope")).toHaveText(
    "No line chosen: the whole order is refunded.",
  );
  await form.getByRole("button", { name: "Refund" }).click();
  await expect(form.getByTestId("error-reason")).toBeVisible();
  const penBox = form.getByLabel(`Units of ${pen.name} to refund`);
  await penBox.fill("3");
  await form.getByLabel("Reason").fill("Arrived with a cracked cap");
  await form.getByRole("button", { name: "Refund" }).click();
  const lineError = form
    .getByTestId("refund-line")
    .filter({ hasText: pen.name })
    .getByTestId("error-line");
  await expect(lineError).toBeVisible();
  await expect(form.getByTestId("error-reason")).toHaveCount(0);
  expect(await balanceOf(page)).toBe(5_600);

  await penBox.fill("1");
  await expect(form.getByLabel("Put the refunded units back in stock")).toBeChecked();
  await form.getByRole("button", { name: "Refund" }).click();
  await expect(form.getByTestId("refund-started")).toContainText("$12.00");
  const refund = a.getByTestId("refund");
  await expect(refund).toHaveCount(1);
  await expect(refund).toHaveAttribute("data-state", "COMPLETED");
  await expect(refund).toContainText(`1 × ${pen.name}`);
  await expect(refund).toContainText("Arrived with a cracked cap");
  await expect(refund).toContainText(`by ${ACCOUNTS.admin.name}`);
  await expect(refund).toContainText("items put back in stock");
  await expect(a.getByTestId("money-refunded")).toHaveText("$12.00");
  await a.evaluate(() => window.scrollTo(0, 0)); // the sticky header, where a full page begins
  await snapBoth(a, "admin-order-refunded");

  expect(await balanceOf(page)).toBe(6_800);
  await expect.poll(() => stockOf(page, pen.slug)).toBe(8);
  await expect.poll(() => stockOf(page, ink.slug)).toBe(9);

  // The shopper sees the shipment...
  await page.goto(`/orders/${shipped}`);
  await expect(page.getByTestId("order-state")).toHaveText("Shipped");
  await expect(page.getByTestId("order-outcome")).toContainText("Your order is on its way");
  await expect(page.getByTestId("fulfilment-carrier")).toHaveText("Parcelo");
  await expect(page.getByTestId("fulfilment-tracking")).toHaveText("PX-0043");
  await expect(page.locator('[data-step="ship"]')).toHaveAttribute("data-status", "done");
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  await snapBoth(page, "order-shipped");

  // ...and the refund, with what it was for.
  await page.goto(`/orders/${refunded}`);
  await expect(page.getByTestId("money-paid")).toHaveText("$32.00");
  await expect(page.getByTestId("money-refunded")).toHaveText("$12.00");
  const seen = page.getByTestId("refund");
  await expect(seen).toHaveAttribute("data-kind", "refund");
  await expect(seen.getByTestId("refund-state")).toHaveText("Refunded");
  await expect(seen).toContainText(`1 × ${pen.name}`);
  await expect(seen.getByTestId("refund-reason")).toContainText("Arrived with a cracked cap");
  await snapBoth(page, "order-refunded");

  // The admin list shows what was refunded of it.
  await a.goto("/admin/orders");
  await expect(
    a
      .getByTestId("admin-order-row")
      .filter({ hasText: refunded.slice(0, 8).toUpperCase() })
      .getByTestId("row-refunded"),
  ).toHaveText("−$12.00 refunded");
  await snapBoth(a, "admin-orders-after-sale");
  await admin.close();
});

test("the after-sale procedures: admins only, the shopper's own orders only, bad input named", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  const admin = await asAdmin(browser, baseURL!, clientIp);
  const product = await admin.product("After Sale Guarded Notebook", 500, 10);

  await signUpShopper(page, clientIp, "Gus Guarded");
  await charge(page, 2_000);
  await bff(page, "cart.add", { productId: product.id, quantity: 1 }, true);
  const orderId = await placed(page);

  // A shopper calling the admin's procedures is refused, whatever the input.
  for (const [path, input] of [
    ["admin.orders.ship", { orderId }],
    ["admin.orders.deliver", { orderId }],
    ["admin.orders.refund", { orderId, restock: false, reason: "mine" }],
  ] as const) {
    const res = await page.request.post(`/api/trpc/${path}`, { data: input });
    expect(res.status(), path).toBe(403);
  }
  const states = await page.request.get(
    `/api/trpc/admin.orders.states?input=${encodeURIComponent(JSON.stringify({ orderIds: [orderId] }))}`,
  );
  expect(states.status()).toBe(403);

  // Another shopper's order does not exist for them.
  const other = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
  });
  const stranger = await other.newPage();
  await signUpShopper(stranger, clientIp, "Stan Stranger");
  const theirs = await stranger.request.post("/api/trpc/orders.cancel", { data: { orderId } });
  expect(theirs.status()).toBe(404);
  await other.close();
  expect((await orderOf(page, orderId)).state).toBe("COMPLETED");

  // Bad input is a 400 naming the field.
  const noReason = await refusal(
    await admin.page.request.post("/api/trpc/admin.orders.refund", {
      data: { orderId, restock: true, reason: " " },
    }),
  );
  expect(noReason.status).toBe(400);
  expect(noReason.fieldErrors?.reason).toBeDefined();
  const notALine = await refusal(
    await admin.page.request.post("/api/trpc/admin.orders.refund", {
      data: {
        orderId,
        restock: true,
        reason: "Wrong item",
        lines: [{ productId: crypto.randomUUID(), quantity: 1 }],
      },
    }),
  );
  expect(notALine.status).toBe(400);
  expect(Object.keys(notALine.fieldErrors ?? {}).some((k) => k.startsWith("lines.0"))).toBe(true);
  const badIds = await admin.page.request.get(
    `/api/trpc/admin.orders.states?input=${encodeURIComponent(JSON.stringify({ orderIds: ["nope"] }))}`,
  );
  expect(badIds.status()).toBe(400);

  // The admin's live list asks the states of the orders it names, in one request.
  const answered = await bff<{ id: string; state: string }[]>(admin.page, "admin.orders.states", {
    orderIds: [orderId],
  });
  expect(answered).toEqual([expect.objectContaining({ id: orderId, state: "COMPLETED" })]);
  await admin.close();
  expect(await balanceOf(page)).toBe(1_500);
});
