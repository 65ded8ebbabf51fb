import type { Page } from "@playwright/test";
import type { PopularProducts } from "@shop/contracts";
import {
  bff,
  expect,
  horizontalOverflow,
  signInAs,
  signUpShopper,
  snap,
  snapBoth,
  test,
} from "./support";

/*
 * "Popular now" follows what shoppers buy: completed orders reach product-service's read models
 * through order.completed, and the cached home page shows them within its 10 s revalidation.
 * The products are this test's own and bought past whatever already leads the window, so the
 * test ranks them the same on a fresh stack or on a reused one with sales from earlier runs.
 */

interface Product {
  id: string;
  slug: string;
  name: string;
}

const SCREENSHOTS = `${import.meta.dirname}/screenshots`;

/** The cart holds at most this many of one product (contracts: MAX_CART_QUANTITY). */
const MAX_LINE = 99;

/** Places one order of these lines and waits for it to complete. */
async function order(page: Page, lines: [Product, number][]) {
  for (const [product, quantity] of lines)
    await bff(page, "cart.add", { productId: product.id, quantity }, true);
  const { orderId } = await bff<{ orderId: string }>(
    page,
    "orders.place",
    { idempotencyKey: `e2e-popular-${crypto.randomUUID()}` },
    true,
  );
  await expect
    .poll(async () => (await bff<{ state: string }>(page, "orders.get", { orderId })).state, {
      timeout: 20_000,
    })
    .toBe("COMPLETED");
}

/** Buys `units` of the product, in as many orders as the cart's limit per line needs. */
async function buy(page: Page, product: Product, units: number) {
  for (let left = units; left > 0; left -= MAX_LINE)
    await order(page, [[product, Math.min(left, MAX_LINE)]]);
}

/** "Popular now" as the home page shows it: [rank, product name, "N sold"] per item. */
async function popularNow(page: Page): Promise<string[][]> {
  await page.goto("/");
  return page
    .getByTestId("popular-item")
    .evaluateAll((items) =>
      items.map((li) => [
        li.getAttribute("data-rank") ?? "",
        (li.querySelector("h3")?.textContent ?? "").replace(/^Number \d+: /, ""),
        li.querySelector('[data-testid="popular-units"]')?.textContent ?? "",
      ]),
    );
}

/** The home page is cached (revalidated every 10 s): ask again until it shows the sales. */
const fresh = { timeout: 60_000, intervals: [1_000, 2_000] };

test("products bought several times rise in Popular now, the Popular sort and the admin's chart", async ({
  page,
  browser,
  baseURL,
  clientIp,
}) => {
  test.setTimeout(240_000);
  const adminContext = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
    reducedMotion: "reduce", // the chart draws at once, without its animation
  });
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin", clientIp);
  const product = (name: string, image: string) =>
    bff<Product>(
      admin,
      "admin.products.create",
      {
        name: `${name} ${Date.now()}`,
        categorySlug: "kitchen",
        priceCents: 100,
        stock: 5_000,
        description: "Made for the popular products test.",
        image: `/images/products/${image}.svg`,
      },
      true,
    );

  // Whatever leads the window now (earlier tests' or runs' orders), ours will pass it.
  const before = await bff<PopularProducts>(page, "catalog.popular", { limit: 5 });
  const lead = before.items[0]?.unitsSold ?? 0;
  const kettle = await product("Popular Gooseneck Kettle", "gooseneck-kettle");
  const mug = await product("Popular Enamel Mug", "enamel-camp-mug");
  // Three more sellers, so the section always holds five (a row that scrolls on a phone).
  const others = [
    await product("Popular Washi Tape", "washi-tape-set"),
    await product("Popular Desk Lamp", "clamp-desk-lamp"),
    await product("Popular Sling Bag", "camera-sling-backpack"),
  ];

  await signUpShopper(page, clientIp, "Polly Popular");
  const units = lead + 3 + lead + 2 + others.length + 2;
  for (let left = units * 100; left > 0; left -= 100_000)
    await bff(
      page,
      "wallet.charge",
      { amountCents: Math.min(left, 100_000), idempotencyKey: `e2e-${crypto.randomUUID()}` },
      true,
    );

  // The kettle takes the lead, the mug comes second; the others sell one each.
  await order(
    page,
    others.map((p) => [p, 1]),
  );
  await buy(page, kettle, lead + 3);
  await buy(page, mug, lead + 2);
  await expect
    .poll(async () => (await popularNow(page)).slice(0, 2), fresh)
    .toEqual([
      ["1", kettle.name, `${lead + 3} sold`],
      ["2", mug.name, `${lead + 2} sold`],
    ]);
  await expect(page.getByTestId("popular-item")).toHaveCount(5);
  const section = page.getByRole("region", { name: "Popular now" });
  await expect(section).toContainText("What shoppers bought most in the last 3 days");
  await snapBoth(page, "home-popular-before");

  // The mug is bought twice more: it rises to the top, the kettle drops to second.
  await buy(page, mug, 1);
  await buy(page, mug, 1);
  await expect
    .poll(async () => (await popularNow(page)).slice(0, 2), fresh)
    .toEqual([
      ["1", mug.name, `${lead + 4} sold`],
      ["2", kettle.name, `${lead + 3} sold`],
    ]);
  await snapBoth(page, "home-popular");
  // The section alone, at both widths, to look at its details.
  await section.screenshot({ path: `${SCREENSHOTS}/home-popular-section.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: `${SCREENSHOTS}/home-popular-section-phone.png` });
  await page.setViewportSize({ width: 1280, height: 720 });

  // "See all" is the Popular sort of the listing, as a shareable link.
  await section.getByRole("link", { name: "See all →" }).click();
  await expect(page).toHaveURL(/\/products\?sort=popular$/);
  await expect(
    page.getByRole("navigation", { name: "Sort" }).getByRole("link", { name: "Popular" }),
  ).toHaveAttribute("aria-current", "true");
  const cards = page.getByRole("region", { name: "Products" }).locator("h3");
  // The listing page is cached for up to 60 s: reload until it shows the latest sales.
  await expect
    .poll(
      async () => {
        await page.goto("/products?sort=popular");
        return (await cards.allTextContents()).slice(0, 2);
      },
      { timeout: 90_000, intervals: [2_000, 5_000] },
    )
    .toEqual([mug.name, kettle.name]);
  await snap(page, "listing-popular");

  // A shopper cannot open the analytics.
  expect((await page.goto("/admin/analytics"))?.status()).toBe(403);

  // The admin's analytics: the chart (Chart.js, a canvas) and the top-5 table.
  await admin.goto("/admin/products");
  await admin
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Analytics" })
    .click();
  await expect(admin).toHaveURL(/\/admin\/analytics$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Sales analytics");
  const rows = admin.getByTestId("top-product");
  await expect(rows.first()).toContainText(mug.name);
  await expect(rows.first().getByTestId("top-units")).toHaveText(String(lead + 4));
  await expect(rows.nth(1)).toContainText(kettle.name);
  await expect(rows.nth(1)).toContainText(`$${lead + 3}.00`);
  await expect(rows).toHaveCount(5);
  const chart = admin.locator('canvas[data-testid="sales-chart"]');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", new RegExp(`${mug.name}: `));
  // Drawn, not just placed: the canvas has painted pixels.
  await expect
    .poll(() =>
      chart.evaluate((canvas: HTMLCanvasElement) => {
        const { width, height } = canvas;
        const pixels = canvas.getContext("2d")?.getImageData(0, 0, width, height).data ?? [];
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(1_000);
  await snapBoth(admin, "admin-analytics");
  // Opened on a phone (not resized to one): the chart fits the screen.
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.reload();
  await expect(chart).toBeVisible();
  expect(await horizontalOverflow(admin)).toBe(0);
  await snap(admin, "admin-analytics-phone-load");
  await adminContext.close();
});
