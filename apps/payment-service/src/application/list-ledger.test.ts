import { beforeEach, describe, expect, it } from "vitest";
import { chargeWallet } from "./charge-wallet";
import { listLedger } from "./list-ledger";
import { payForOrder } from "./pay-for-order";
import { aKey, ANN, BOB, fund, memoryDeps, received, type MemoryDeps } from "../test/fixtures";

describe("listLedger", () => {
  let deps: MemoryDeps;
  beforeEach(async () => {
    deps = memoryDeps();
    for (let i = 1; i <= 5; i++)
      await chargeWallet(deps, ANN, { amountCents: i * 100, idempotencyKey: aKey() });
    await fund(deps, BOB, 50);
  });

  it("answers the user's own entries, newest first, in pages cut by position", async () => {
    const first = await listLedger(deps, ANN, { limit: 2 });
    expect(first.entries.map((e) => [e.seq, e.amountCents])).toEqual([
      [5, 500],
      [4, 400],
    ]);
    expect(first.nextBefore).toBe(4);
    // A payment made while the shopper reads does not shift the next page.
    const orderId = crypto.randomUUID();
    await payForOrder(deps, { orderId, userId: ANN, amountCents: 700 }, received(orderId));
    const second = await listLedger(deps, ANN, { before: 4, limit: 2 });
    expect(second.entries.map((e) => e.seq)).toEqual([3, 2]);
    const last = await listLedger(deps, ANN, { before: second.nextBefore ?? 0, limit: 2 });
    expect(last).toEqual({ entries: [expect.objectContaining({ seq: 1 })], nextBefore: null });
    const newest = await listLedger(deps, ANN, { limit: 1 });
    expect(newest.entries[0]).toMatchObject({
      seq: 6,
      kind: "payment",
      amountCents: -700,
      orderId,
    });
  });

  it("a page holding exactly the rest has no next page", async () => {
    expect((await listLedger(deps, ANN, { limit: 5 })).nextBefore).toBeNull();
    expect((await listLedger(deps, ANN, { limit: 4 })).nextBefore).toBe(2);
  });

  it("a user without a wallet has an empty ledger", async () => {
    expect(await listLedger(deps, "00000000-0000-4000-8000-00000000c003", { limit: 20 })).toEqual({
      entries: [],
      nextBefore: null,
    });
  });
});
