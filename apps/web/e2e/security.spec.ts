import type { Page } from "@playwright/test";
import { CLIENT_IP_HEADER } from "../src/http/trust-proxy";
import { ACCOUNTS, expect, signInAs, snap, test } from "./support";

const SHOP = "http://localhost:3100";
/** Another origin of the same site (another port of localhost): it gets the Lax cookie. */
const SIBLING = "http://localhost:3199";

/** Serves `html` as a page of another origin, without a server: the browser thinks it is real. */
async function pageOn(page: Page, origin: string, html: string) {
  await page.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: html }),
  );
  await page.goto(`${origin}/attack`);
}

const me = (page: Page) =>
  page.request
    .get("/api/trpc/auth.me")
    .then(
      async (r) => ((await r.json()) as { result: { data: { email: string } | null } }).result.data,
    );

test("after sign-in, a crafted next= never leaves the shop", async ({ page }) => {
  for (const next of ["/.//evil.example/phish", "/%2e%2e//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(ACCOUNTS.shopper.email);
    await page.getByLabel("Password").fill(ACCOUNTS.shopper.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${SHOP}/account`);
  }
});

test("a form on a sibling origin cannot sign the shopper out", async ({ page, clientIp }) => {
  await signInAs(page, "shopper", clientIp);
  expect((await me(page))?.email).toBe(ACCOUNTS.shopper.email);
  const refused = page.waitForResponse(`${SHOP}/api/trpc/auth.signOut`);
  await pageOn(
    page,
    SIBLING,
    `<form method="post" enctype="multipart/form-data" action="${SHOP}/api/trpc/auth.signOut">
       <input name="x" value="1"></form><script>document.forms[0].submit()</script>`,
  );
  expect((await refused).status()).toBe(403);
  expect((await me(page))?.email).toBe(ACCOUNTS.shopper.email);
});

test("a client cannot name its own address to the BFF: the front overwrites it", async ({
  page,
  clientIp,
}) => {
  const email = `spoof.${Date.now()}@example.test`;
  const attempt = (headers: Record<string, string>) =>
    page.request.post("/api/trpc/auth.signIn", {
      data: { email, password: "guess" },
      headers: { "x-forwarded-for": clientIp, ...headers },
    });
  // Fill this address's limit for the email (10 a minute), starting early in a minute.
  const second = new Date().getSeconds();
  if (second > 40) await page.waitForTimeout((61 - second) * 1000);
  for (let i = 0; i < 10; i++) expect((await attempt({})).status()).toBe(401);
  // Claiming another address in the front's own header changes nothing.
  expect((await attempt({ [CLIENT_IP_HEADER]: "198.51.100.77" })).status()).toBe(429);
});

test("the BFF takes JSON only, and at most 1 MB of it", async ({ page }) => {
  const form = await page.request.post("/api/trpc/auth.signOut", {
    multipart: { x: "1" },
  });
  expect(form.status()).toBe(415);
  const text = await page.request.post("/api/trpc/auth.signOut", {
    headers: { "content-type": "text/plain" },
    data: "{}",
  });
  expect(text.status()).toBe(415);
  const huge = await page.request.post("/api/trpc/auth.signIn", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ email: "a@b.test", password: "x".repeat(2_000_000) }),
  });
  expect(huge.status()).toBe(413);
});

test("a NUL or a lone surrogate is a 400 naming the field, never an outage", async ({ page }) => {
  const search = await page.request.get(
    `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify({ q: "mug\u0000" }))}`,
  );
  expect(search.status()).toBe(400);
  expect(JSON.stringify(await search.json())).toContain('"q"');
  const signUp = await page.request.post("/api/trpc/auth.signUp", {
    data: {
      email: `nul.${Date.now()}@example.test`,
      password: "long enough",
      displayName: "A\uD800",
    },
  });
  expect(signUp.status()).toBe(400);
  expect(JSON.stringify(await signUp.json())).toContain("displayName");
  // The storefront's search page reads its URL leniently and still searches.
  const pageResponse = await page.goto("/products?q=mug%00");
  expect(pageResponse?.status()).toBe(200);
});

test("an image from another site is refused on the admin form", async ({ page, clientIp }) => {
  await signInAs(page, "admin", clientIp);
  const res = await page.request.post("/api/trpc/admin.products.create", {
    data: {
      name: "Pixel",
      categorySlug: "kitchen",
      priceCents: 100,
      image: "//attacker.example/pixel.svg",
    },
  });
  expect(res.status()).toBe(400);
  expect(JSON.stringify(await res.json())).toContain("image");
});

test("pages send the security headers and break no rule of their own policy", async ({
  page,
  clientIp,
}) => {
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
  await signInAs(page, "admin", clientIp);
  for (const path of [
    "/",
    "/products",
    "/products?category=kitchen&sort=price_asc",
    "/products?q=mug",
    "/sign-in",
    "/admin/products",
  ]) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Plain http: no HSTS (it belongs to TLS only).
    expect(headers["strict-transport-security"]).toBeUndefined();
    await page.waitForLoadState("networkidle");
  }
  // The admin page works under the policy: its table was filled by the browser's own fetches.
  await expect(page.getByRole("button", { name: "New product" })).toBeVisible();
  await snap(page, "admin-under-csp");
  expect(violations).toEqual([]);
});

test("behind TLS (as a trusted proxy says), pages add HSTS and the cookie is Secure", async ({
  page,
  clientIp,
}) => {
  const tls = { "x-forwarded-proto": "https", "x-forwarded-for": clientIp };
  const res = await page.request.get("/sign-in", { headers: tls });
  expect(res.headers()["strict-transport-security"]).toContain("max-age=");
  const signIn = await page.request.post("/api/trpc/auth.signIn", {
    headers: tls,
    data: { email: ACCOUNTS.shopper.email, password: ACCOUNTS.shopper.password },
  });
  expect(signIn.headers()["set-cookie"]).toMatch(/shop_session=.*; Secure/i);
});

test("no other site can frame the admin pages", async ({ page, clientIp }) => {
  await signInAs(page, "admin", clientIp);
  await pageOn(
    page,
    SIBLING,
    `<iframe src="${SHOP}/admin/products" width="800" height="600"></iframe>`,
  );
  // goto waited for the frame's load: a blocked frame shows the browser's error page instead.
  const frame = page.frames().find((f) => f.url().startsWith(SHOP));
  const framed = frame ? await frame.getByRole("button", { name: "New product" }).count() : 0;
  expect(framed).toBe(0);
});
