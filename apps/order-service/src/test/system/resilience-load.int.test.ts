import { expect, it } from "vitest";
import { countBy, report, sum, describeOn, useSagaStack } from "./saga-suite";
import {
  balances,
  createProduct,
  ledgerFor,
  mapConcurrently,
  newShopper,
  place,
  settled,
  stockOf,
} from "./shop";

/*
 * The checkout saga under load: two instances each of product-, coupon-, payment- and
 * order-service as real processes (stack.ts), and 500 shoppers at once for 100 items.
 */

const t = useSagaStack();

describeOn("rabbitmq")("checkout saga when processes die, and under load", () => {
  it("500 shoppers at once for 100 items, 2 instances of every service: exactly 100 COMPLETED, 400 CANCELLED OUT_OF_STOCK, stock 0, debits = completed totals", async () => {
    const { stack } = t;
    const product = await createProduct(stack, { priceCents: 1_000, stock: 100 });
    const shoppers = await mapConcurrently(
      Array.from({ length: 500 }, (_, i) => i),
      25,
      () => newShopper(stack, 5_000),
    );

    const started = performance.now();
    // All 500 sagas run at once; the placing (one transaction each, as order-service's API
    // will) is bounded by the test's pool. The deadline is generous: this test is about who
    // gets the items, not about timeouts.
    const ids = await mapConcurrently(shoppers, 16, (userId) =>
      place(stack, {
        userId,
        lines: [{ productId: product.id, quantity: 1 }],
        stepTimeoutMs: 120_000,
      }),
    );
    const placedMs = performance.now() - started;
    const all = await settled(stack, ids, { timeoutMs: 240_000 });
    const settledMs = performance.now() - started;
    report(
      `500 concurrent checkouts of 100 items: placed in ${Math.round(placedMs)} ms, all settled in ${Math.round(
        settledMs,
      )} ms (${Math.round((500 / settledMs) * 1000)} orders/s)`,
    );

    const done = all.filter((o) => o.status === "COMPLETED");
    expect(countBy(all, (o) => `${o.status} ${o.reasonCode ?? ""}`.trim())).toEqual({
      COMPLETED: 100,
      "CANCELLED OUT_OF_STOCK": 400,
    });
    expect(await stockOf(stack, product.id)).toBe(0);
    const ledger = await ledgerFor(stack, ids);
    expect(ledger.every((e) => e.kind === "payment")).toBe(true);
    expect(-sum(ledger.map((e) => e.amountCents))).toBe(sum(done.map((o) => o.totalCents!)));
    expect(new Set(ledger.map((e) => e.orderId))).toEqual(new Set(done.map((o) => o.id)));
    const wallets = await balances(stack, shoppers);
    const paid = new Set(done.map((o) => o.userId));
    for (const userId of shoppers)
      expect(wallets.get(userId)).toBe(paid.has(userId) ? 4_000 : 5_000);
  }, 420_000);
});
