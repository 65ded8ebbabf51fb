import { expect, test } from "@playwright/test";
import { dollars, snap } from "./support";

test("home shows the hero, the categories and the newest products", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Well-made things for every day",
  );
  await expect(page.getByRole("heading", { name: "Shop by category" })).toBeVisible();
  const categories = page
    .locator('a[href^="/products?category="]')
    .filter({ has: page.locator("img") });
  expect(await categories.count()).toBeGreaterThanOrEqual(6);
  const newest = page
    .getByRole("region", { name: "New arrivals" })
    .locator('a[href^="/products/"]');
  await expect(newest).toHaveCount(8);
  await snap(page, "home");
});

test("browse pages through the whole catalog", async ({ page }) => {
  await page.goto("/products");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All products");
  const cards = page.getByRole("region", { name: "Products" }).locator('a[href^="/products/"]');
  await expect(cards).toHaveCount(12);
  const firstPage = await cards.first().getAttribute("href");
  await snap(page, "listing");

  await page
    .getByRole("navigation", { name: "Pagination" })
    .getByRole("link", { name: "Next" })
    .click();
  await expect(page).toHaveURL(/\/products\?page=2$/);
  await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  await expect(cards.first()).not.toHaveAttribute("href", firstPage!);
});

test("search finds products by name and the query stays in the URL", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search products" }).fill("lamp");
  await page.getByRole("searchbox", { name: "Search products" }).press("Enter");
  await expect(page).toHaveURL(/\/products\?q=lamp$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “lamp”");
  const names = await page
    .getByRole("region", { name: "Products" })
    .locator("h3")
    .allTextContents();
  expect(names.length).toBeGreaterThan(2);
  for (const name of names) expect(name.toLowerCase()).toMatch(/lamp|light|lantern|sconce/);
  await snap(page, "search");
});

test("filter by category and sort by price, as a shareable link", async ({ page }) => {
  await page.goto("/products");
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("link", { name: "Audio" })
    .click();
  await expect(page).toHaveURL(/\/products\?category=audio$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audio");
  await page
    .getByRole("navigation", { name: "Sort" })
    .getByRole("link", { name: "Price: low to high" })
    .click();
  await expect(page).toHaveURL(/\/products\?category=audio&sort=price_asc$/);

  const region = page.getByRole("region", { name: "Products" });
  await expect(region.getByText("Audio", { exact: true }).first()).toBeVisible();
  const categories = await region.locator("h3 + p").allTextContents();
  expect(new Set(categories)).toEqual(new Set(["Audio"]));
  const prices = (await region.locator("a p.font-semibold").allTextContents()).map(dollars);
  expect(prices.length).toBeGreaterThan(3);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));

  // The same link, opened fresh, shows the same view.
  await page.goto("/products?category=audio&sort=price_asc");
  expect((await region.locator("a p.font-semibold").allTextContents()).map(dollars)).toEqual(
    prices,
  );
  await snap(page, "listing-audio-by-price");
});

test("a product page shows the image, price and how many are left", async ({ page }) => {
  await page.goto("/products?category=coffee-tea");
  await page.getByRole("link", { name: /Ceramic Cone Dripper/ }).click();
  await expect(page).toHaveURL(/\/products\/ceramic-dripper$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ceramic Cone Dripper");
  await expect(page.getByRole("img", { name: "Ceramic Cone Dripper" })).toBeVisible();
  await expect(page.getByText("$26.00").first()).toBeVisible();
  await expect(page.getByTestId("stock")).toHaveText("Only 2 left");
  await snap(page, "product");

  await page.goto("/products/burr-coffee-grinder");
  await expect(page.getByTestId("stock")).toHaveText("Sold out");
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
});

test("an unknown product answers 404 with the not-found page", async ({ page }) => {
  const response = await page.goto("/products/no-such-product-xyz");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
  await snap(page, "not-found");
  // An address that cannot even be a product's (not a valid slug) is a 404 too, not an error.
  expect((await page.goto("/products/Not_A_Slug!"))?.status()).toBe(404);
  expect((await page.goto("/browse/anything=else"))?.status()).toBe(404);
  // A listing state only under its own path: a search is never a cached browse page, and
  // browsing never a search.
  expect((await page.goto("/browse/q%3Dlamp"))?.status()).toBe(404);
  expect((await page.goto("/search/category%3Daudio"))?.status()).toBe(404);
});
