import type { Page } from "@playwright/test";
import { expect, signInAs, signUpShopper, snap, test } from "./support";

/** An admin opens a campaign through the BFF; returns its name. */
async function openCampaign(page: Page, clientIp: string, quantity: number) {
  await signInAs(page, "admin", clientIp);
  const name = `E2E ${quantity} left ${Date.now()}`;
  const res = await page.request.post("/api/trpc/admin.coupons.create", {
    data: {
      name,
      discount: { kind: "fixed", amountOffCents: 500 },
      quantity,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validTo: new Date(Date.now() + 86_400_000).toISOString(),
      minOrderCents: 0,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await page.context().clearCookies();
  return name;
}

test("a shopper claims a coupon, sees it in their coupons, and a second claim is refused", async ({
  page,
  clientIp,
}) => {
  const name = await openCampaign(page, clientIp, 5);
  await signUpShopper(page, clientIp);
  // A second tab opened before the claim still offers the button: its claim must be refused.
  const stale = await page.context().newPage();
  await stale.goto("/coupons");
  await page.goto("/coupons");
  const card = page.getByTestId("campaign").filter({ hasText: name });
  await expect(card.getByTestId("remaining")).toHaveText("5 of 5 left");
  await card.getByRole("button", { name: "Claim coupon" }).click();
  await expect(card).toContainText("In your coupons");
  await expect(card.getByTestId("remaining")).toHaveText("4 of 5 left");
  await expect(page.getByTestId("my-coupons")).toContainText(name);
  await expect(page.getByTestId("my-coupons")).toContainText("available");
  await snap(page, "coupons");

  const staleCard = stale.getByTestId("campaign").filter({ hasText: name });
  await staleCard.getByRole("button", { name: "Claim coupon" }).click();
  await expect(staleCard.getByRole("alert")).toContainText(/already/i);
});

test("a sold-out campaign says so", async ({ page, clientIp }) => {
  const name = await openCampaign(page, clientIp, 1);
  await signUpShopper(page, clientIp, "First Comer");
  const claim = await page.request.get("/api/trpc/coupons.open");
  const campaigns = ((await claim.json()) as { result: { data: { id: string; name: string }[] } })
    .result.data;
  const id = campaigns.find((c) => c.name === name)!.id;
  expect(
    (await page.request.post("/api/trpc/coupons.claim", { data: { campaignId: id } })).ok(),
  ).toBe(true);

  await page.context().clearCookies();
  await signUpShopper(page, clientIp, "Late Comer");
  await page.goto("/coupons");
  const card = page.getByTestId("campaign").filter({ hasText: name });
  await expect(card.getByTestId("remaining")).toHaveText("Sold out");
  await expect(card.getByRole("button", { name: "Claim coupon" })).toBeDisabled();
  const late = await page.request.post("/api/trpc/coupons.claim", { data: { campaignId: id } });
  expect(late.status()).toBe(409);
});

test("an admin creates a campaign and sees its counts", async ({ page, clientIp }) => {
  await signInAs(page, "admin", clientIp);
  await page.goto("/admin/coupons");
  await page.getByRole("button", { name: "New campaign" }).click();
  const name = `Spring ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Percent off").fill("150");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByTestId("error-percentOff")).toHaveText("At most 100%");
  await page.getByLabel("Percent off").fill("15");
  await page.getByLabel("Coupons", { exact: true }).fill("40");
  await page.getByRole("button", { name: "Create campaign" }).click();
  const row = page.getByTestId("campaign-row").filter({ hasText: name });
  await expect(row).toContainText("0 / 40");
  await expect(row).toContainText("15% off (up to $20.00)");
  await snap(page, "admin-coupons");
});
