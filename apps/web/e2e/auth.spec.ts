import { ACCOUNTS, expect, signInAs, snap, test } from "./support";

test("a shopper signs up, signs out and signs in again", async ({ page }) => {
  const email = `new.shopper.${Date.now()}@example.test`;
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Account" })
    .getByRole("link", { name: "Sign in" })
    .click();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByText("At least 8 characters")).toBeVisible();
  await snap(page, "sign-up");
  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Nora Newcomer");
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByTestId("account-menu")).toContainText("Hi, Nora");
  const cookie = (await page.context().cookies()).find((c) => c.name === "shop_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await snap(page, "account");

  await page.getByTestId("account-menu").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)account$/);

  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Nora Newcomer");
});

test("sign-up explains what is wrong with each field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("error-displayName")).toHaveText("Tell us what to call you");
  await expect(page.getByTestId("error-email")).toHaveText("Enter a valid email address");
  await expect(page.getByTestId("error-password")).toHaveText("Use at least 8 characters");

  await page.getByLabel("Your name").fill("Copy Cat");
  await page.getByLabel("Email").fill(ACCOUNTS.shopper.email);
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("error-email")).toHaveText(
    "An account with this email already exists",
  );
  await snap(page, "sign-up-errors");
});

test("a failed sign-in does not say whether the email exists", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS.shopper.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const wrongPassword = await page.getByTestId("form-error").textContent();
  await page.getByLabel("Email").fill("nobody.here@example.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(wrongPassword!);
  expect(wrongPassword).toBe("Email or password is incorrect");
  await snap(page, "sign-in-failed");
});

test("the eleventh sign-in attempt in a minute is refused with when to try again", async ({
  page,
  clientIp,
}) => {
  // Attempts are counted per clock minute: start early in one, so all eleven land in it.
  const second = new Date().getSeconds();
  if (second > 45) await page.waitForTimeout((61 - second) * 1000);
  const email = `target.${Date.now()}@example.test`;
  for (let i = 0; i < 10; i++) {
    const res = await page.request.post("/api/trpc/auth.signIn", {
      data: { email, password: "guess" },
      headers: { "x-forwarded-for": clientIp },
    });
    expect(res.status()).toBe(401);
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("guess");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(
    /Too many sign-in attempts\. Try again in \d+ seconds?\./,
  );
});

test("a visitor opening the admin is sent to sign in", async ({ page }) => {
  await page.goto("/admin/products");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)admin$/);
  await page.getByLabel("Email").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/products$/);
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
  await expect(page.getByTestId("account-menu")).toContainText("Hi, Ada");
});

test("a shopper is refused the admin with 403", async ({ page, clientIp }) => {
  await signInAs(page, "shopper", clientIp);
  const response = await page.goto("/admin/products");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This area is for admins" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New product" })).toHaveCount(0);
  const api = await page.request.get("/api/trpc/admin.products.list?input=%7B%7D");
  expect(api.status()).toBe(403);
  await snap(page, "admin-forbidden");
});
