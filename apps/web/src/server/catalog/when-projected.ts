import "server-only";
import type { Product } from "@shop/contracts";

/*
 * The catalog view that every product page and list reads follows the command side through
 * product-service's projector, a few milliseconds behind. An admin write waits for it here
 * before the cached storefront pages are dropped: otherwise the next visitor could re-render a
 * page from the view as it was before the write, and cache that, and the admin's own list could
 * reload without the product just saved.
 */

/** The longest a write waits for the view: past it (a projector that is down) it goes on. */
const MAX_WAIT_MS = 3_000;

/**
 * Resolves once `read` shows the product at the written version or later (or it is gone from
 * the view: an archived product a reader may not see), or after MAX_WAIT_MS.
 */
export async function whenProjected(
  written: Pick<Product, "id" | "version">,
  read: (id: string) => Promise<Pick<Product, "version"> | null>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  maxWaitMs = MAX_WAIT_MS,
): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const seen = await read(written.id).catch(() => undefined);
    if (seen !== undefined && (seen === null || seen.version >= written.version)) return true;
    if (Date.now() + pause > deadline) return false;
    await sleep(pause);
  }
}
