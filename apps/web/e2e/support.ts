import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

const SCREENSHOTS = path.join(import.meta.dirname, "screenshots");

/** Saves a full-page screenshot to e2e/screenshots (gitignored) for a person to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** How far the page reaches past the viewport's width (0: nothing to scroll sideways). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Screenshots at desktop width, then at a phone's (390 px), for a person to look at; the page
 * must fit the phone without scrolling sideways (a wide table scrolls inside its own box).
 */
export async function snapBoth(page: Page, name: string) {
  await snap(page, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300); // the layout (and a chart's resize) settles at the new width
  await snap(page, `${name}-phone`);
  expect(await horizontalOverflow(page), `${name} is wider than a phone`).toBe(0);
  if (size) await page.setViewportSize(size);
}

const PID_FILE = path.join(import.meta.dirname, "../../../.shop/e2e-pids.json");
const stackPids = () => JSON.parse(readFileSync(PID_FILE, "utf8")) as Record<string, number>;

/** PIDs of the e2e stack's processes, written by scripts/start.mjs. */
export function stackPid(name: string): number {
  const pid = stackPids()[name];
  if (!pid) throw new Error(`no pid for ${name} in ${PID_FILE}`);
  return pid;
}

/** True when the e2e stack runs embedded: every service in one process, the service host. */
export const embeddedStack = () => "service-host" in stackPids();

/** Why a test that pauses or kills one service cannot run against an embedded stack. */
export const ONE_PROCESS =
  "embedded: the five services share one process, so none can be paused or killed alone " +
  "(order-service's system tests kill the whole host mid-checkout instead)";

/** Prices as numbers from "$1,234.50" strings. */
export const dollars = (text: string) => Number(text.replace(/[^0-9.]/g, ""));

/**
 * Each test browses from its own client address (a documentation-range IP in X-Forwarded-For),
 * so the per-address sign-in limit of one test never locks out another.
 */
let addressesUsed = 0;

export const test = base.extend<{ clientIp: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  clientIp: async ({}, use) => {
    // Counted, not random: two tests of one run must never share an address (or its limit).
    await use(`203.0.113.${(addressesUsed++ % 254) + 1}`);
  },
  extraHTTPHeaders: async ({ clientIp }, use) => {
    await use({ "x-forwarded-for": clientIp });
  },
});
export { expect };

export const ACCOUNTS = {
  admin: { email: "admin@meridian.test", password: "admin-password", name: "Ada" },
  shopper: { email: "shopper@meridian.test", password: "shopper-password", name: "Sam" },
} as const;

/** Signs in through the BFF's API (the page's cookie jar keeps the session). */
export async function signInAs(page: Page, who: keyof typeof ACCOUNTS, clientIp: string) {
  const { email, password } = ACCOUNTS[who];
  const res = await page.request.post("/api/trpc/auth.signIn", {
    data: { email, password },
    headers: { "x-forwarded-for": clientIp },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Signs up a new shopper through the BFF's API (the page's cookie jar keeps the session). */
export async function signUpShopper(page: Page, clientIp: string, name = "Nina Newbuyer") {
  const email = `shopper.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await page.request.post("/api/trpc/auth.signUp", {
    data: { email, password: "long enough password", displayName: name },
    headers: { "x-forwarded-for": clientIp },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return email;
}

export type Json = Record<string, unknown>;

/** A BFF query or mutation through the page's cookie jar; answers its data or fails the test. */
export async function bff<T>(page: Page, path: string, input?: Json, post = false): Promise<T> {
  const res = post
    ? await page.request.post(`/api/trpc/${path}`, { data: input ?? {} })
    : await page.request.get(
        `/api/trpc/${path}${input ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ""}`,
      );
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** An admin (in a context of their own) sets up what a test needs: products, a campaign. */
export async function asAdmin(browser: Browser, baseURL: string, clientIp: string) {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": clientIp },
  });
  const page = await context.newPage();
  await signInAs(page, "admin", clientIp);
  return {
    page,
    product: (name: string, priceCents: number, stock: number) =>
      bff<Product>(
        page,
        "admin.products.create",
        {
          name: `${name} ${Date.now()}`,
          categorySlug: "stationery",
          priceCents,
          stock,
          description: "Made for the checkout tests.",
          image: "/images/products/dot-grid-notebook-a5.svg",
        },
        true,
      ),
    campaign: async (discount: Json) => {
      const name = `Checkout E2E ${Date.now()}`;
      const c = await bff<{ id: string }>(
        page,
        "admin.coupons.create",
        {
          name,
          discount,
          quantity: 10,
          validFrom: new Date(Date.now() - 60_000).toISOString(),
          validTo: new Date(Date.now() + 86_400_000).toISOString(),
          minOrderCents: 0,
        },
        true,
      );
      return { id: c.id, name };
    },
    close: () => context.close(),
  };
}

/** Adds to the shopper's balance (a wallet charge through the BFF). */
/** The product's stock as product-service tells it now (the product page is a cached page). */
export const stockOf = (page: Page, slug: string) =>
  bff<Product>(page, "catalog.product", { slug }).then((p) => p.stock);

export const balanceOf = (page: Page) =>
  bff<{ balanceCents: number }>(page, "wallet.balance").then((b) => b.balanceCents);

export const charge = (page: Page, amountCents: number) =>
  bff(page, "wallet.charge", { amountCents, idempotencyKey: `e2e-${crypto.randomUUID()}` }, true);
