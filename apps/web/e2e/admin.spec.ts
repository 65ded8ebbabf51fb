import { expect, signInAs, snap, test } from "./support";

test.beforeEach(async ({ page, clientIp }) => {
  await signInAs(page, "admin", clientIp);
});

test("an admin creates a product and shoppers find it in the storefront", async ({ page }) => {
  const name = `Linen Apron ${Date.now()}`;
  await page.goto("/admin/products");
  await expect(page.getByRole("button", { name: "New product" })).toBeVisible();
  await snap(page, "admin-products");

  await page.getByRole("button", { name: "New product" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Category").selectOption({ label: "Kitchen" });
  await page.getByLabel("Price (USD)").fill("34.50");
  await page.getByLabel("Stock").fill("3");
  await page.getByLabel("Description").fill("A heavyweight linen apron with deep pockets.");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("cell", { name })).toBeVisible();

  await page.goto(`/products?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("$34.50").first()).toBeVisible();
  await expect(page.getByTestId("stock")).toHaveText("Only 3 left");

  // The cached category listing was refreshed by the admin's change.
  await page.goto("/products?category=kitchen");
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
});

test("a negative price is refused with an error next to the field", async ({ page }) => {
  await page.goto("/admin/products");
  await page.getByRole("button", { name: "New product" }).click();
  await page.getByLabel("Name").fill("Broken Price Kettle");
  await page.getByLabel("Category").selectOption({ label: "Kitchen" });
  await page.getByLabel("Price (USD)").fill("-5");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByTestId("error-price")).toHaveText(/Price cannot be negative/);
  await expect(page.getByLabel("Price (USD)")).toHaveAttribute("aria-invalid", "true");
  await snap(page, "admin-negative-price");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.goto("/products?q=Broken%20Price%20Kettle");
  await expect(page.getByText("No products match")).toBeVisible();
});
