import { expect, test } from "@playwright/test";
import { stackPid } from "./support";

// Pausing product-service (SIGSTOP) makes it stop answering without closing its port, the
// worst kind of outage: the BFF must time out, say so, and recover when it answers again.
test("when the catalog service is down the page says so, and recovers when it is back", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto("/products"); // warm the cache for the listing
  const pid = stackPid("product-service");
  process.kill(pid, "SIGSTOP");
  try {
    await page.goto("/products?q=mug");
    await expect(
      page.getByRole("heading", { name: "The catalog is unavailable right now" }),
    ).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/at \w+ \(|node_modules|TRPCClientError/);

    // Cached pages keep being served while the service is away.
    await page.goto("/products");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All products");
  } finally {
    process.kill(pid, "SIGCONT");
  }
  await page.goto("/products?q=mug");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “mug”");
});
