import { expect, test } from "@playwright/test";
import { embeddedStack, ONE_PROCESS, stackPid } from "./support";

// Pausing product-service (SIGSTOP) makes it stop answering without closing its port, the
// worst kind of outage: the BFF must time out, say so, and recover when it answers again.
const resume = () => process.kill(stackPid("product-service"), "SIGCONT");

test.beforeEach(() => test.skip(embeddedStack(), ONE_PROCESS));
// Even if the test fails or times out, the service must not stay paused for the next tests.
test.afterEach(() => {
  if (!embeddedStack()) resume();
});

test("when the catalog service is down the page says so, and recovers when it is back", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto("/products"); // warm the cache for the listing
  process.kill(stackPid("product-service"), "SIGSTOP");

  // Searches are cached pages now: a search no one made yet, so this one must reach the service.
  const q = `mug ${Date.now()}`;
  const started = Date.now();
  await page.goto(`/products?q=${encodeURIComponent(q)}`);
  await expect(
    page.getByRole("heading", { name: "The catalog is unavailable right now" }),
  ).toBeVisible();
  expect(Date.now() - started).toBeLessThan(20_000); // the BFF gives up after 5 s, not never
  await expect(page.locator("body")).not.toContainText(/at \w+ \(|node_modules|TRPCClientError/);

  // Cached pages keep being served while the service is away.
  await page.goto("/products");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All products");

  resume();
  // The failed render was not cached: the same search works as soon as the service answers.
  await page.goto(`/products?q=${encodeURIComponent(q)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Results for “${q}”`);
});
