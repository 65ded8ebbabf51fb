import { beforeEach, describe, expect, it } from "vitest";
import { ledgerSum } from "../../../domain/wallet";
import { memoryDeps, type MemoryDeps } from "../../../test/fixtures";
import { paymentStoreContract } from "../../../test/store-contract";
import type { InMemoryPaymentStore } from "./payment-store";

/** The wallets whose balance or entry count disagree with their ledger. */
function walletsOffLedger(store: InMemoryPaymentStore) {
  return [...store.wallets].filter(([userId, w]) => {
    const entries = store.entries.filter((e) => e.userId === userId);
    return w.balanceCents !== ledgerSum(entries) || w.entryCount !== entries.length;
  });
}

let deps: MemoryDeps;
beforeEach(() => {
  deps = memoryDeps();
});

paymentStoreContract("in memory", () => ({
  deps: () => deps,
  walletsOffLedger: async () => walletsOffLedger(deps.store),
}));

describe("the in-memory store's transactions", () => {
  it("undo everything when the work throws", async () => {
    const userId = "00000000-0000-4000-8000-00000000a001";
    await expect(
      deps.store.transaction(async (tx) => {
        await tx.wallets.lock(userId, new Date());
        await tx.wallets.charge(userId, 500, 1_000, {
          id: "e1",
          now: new Date(),
          idempotencyKey: "k".repeat(16),
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(deps.store.wallets.size).toBe(0);
    expect(deps.store.entries).toHaveLength(0);
  });

  it("refuse to commit an order claimed and never decided, like the database", async () => {
    await expect(
      deps.store.transaction(async (tx) => {
        await tx.payments.claim("00000000-0000-4000-8000-0000000000aa", new Date());
      }),
    ).rejects.toThrow(/pending/);
    expect(deps.store.payments.size).toBe(0);
  });

  it("refuse a second debit of one order, like the database's unique key", async () => {
    const userId = "00000000-0000-4000-8000-00000000a001";
    const orderId = "00000000-0000-4000-8000-0000000000aa";
    const now = new Date();
    await deps.store.transaction(async (tx) => {
      await tx.wallets.lock(userId, now);
      await tx.wallets.charge(userId, 500, 1_000, {
        id: "e1",
        now,
        idempotencyKey: "k".repeat(16),
      });
    });
    await expect(
      deps.store.transaction(async (tx) => {
        await tx.wallets.debit(userId, 100, { id: "e2", now, orderId });
        await tx.wallets.debit(userId, 100, { id: "e3", now, orderId });
      }),
    ).rejects.toThrow(/unique/);
    expect(ledgerSum(deps.store.entries)).toBe(500);
  });
});
