import { expect, signUpShopper, snap, test } from "./support";

test("a shopper charges the balance and sees it, in the wallet and the header", async ({
  page,
  clientIp,
}) => {
  await signUpShopper(page, clientIp);
  await page.goto("/account/wallet");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  await expect(page.getByText("No changes yet")).toBeVisible();

  await page.getByLabel("Amount (USD)").fill("0");
  await page.getByRole("button", { name: "Charge balance" }).click();
  await expect(page.getByTestId("error-amount")).toHaveText("Enter an amount above zero");
  await page.getByLabel("Amount (USD)").fill("12.345");
  await page.getByRole("button", { name: "Charge balance" }).click();
  await expect(page.getByTestId("error-amount")).toContainText("two decimal places");
  // Over the per-charge limit: the service refuses it, under the field.
  await page.getByLabel("Amount (USD)").fill("5000");
  await page.getByRole("button", { name: "Charge balance" }).click();
  await expect(page.getByTestId("error-amount")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$0.00");

  await page.getByRole("button", { name: "$25", exact: true }).click();
  await page.getByRole("button", { name: "Charge balance" }).click();
  await expect(page.getByRole("status")).toHaveText("Added $25.00.");
  await expect(page.getByTestId("balance")).toHaveText("$25.00");
  const history = page.getByRole("list", { name: "Balance history" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Charge");
  await expect(history).toContainText("+$25.00");
  await expect(page.getByTestId("header-balance")).toHaveText("$25.00");
  await snap(page, "wallet");
  await page.reload();
  await expect(page.getByTestId("header-balance")).toHaveText("$25.00");
});

test("the same charge sent twice charges once", async ({ page, clientIp }) => {
  await signUpShopper(page, clientIp);
  const charge = () =>
    page.request.post("/api/trpc/wallet.charge", {
      data: { amountCents: 700, idempotencyKey: "e2e-double-submit-0001" },
    });
  const [a, b] = await Promise.all([charge(), charge()]);
  expect([a.status(), b.status()]).toEqual([200, 200]);
  const balance = await page.request.get("/api/trpc/wallet.balance");
  expect(
    ((await balance.json()) as { result: { data: { balanceCents: number } } }).result.data
      .balanceCents,
  ).toBe(700);
});

test("a visitor opening the wallet is sent to sign in", async ({ page }) => {
  await page.goto("/account/wallet");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)account(%2F|\/)wallet$/);
});
