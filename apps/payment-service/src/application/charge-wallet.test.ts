import { beforeEach, describe, expect, it } from "vitest";
import { chargeWallet } from "./charge-wallet";
import { getWallet } from "./get-wallet";
import { ledgerSum, MAX_BALANCE_CENTS, MAX_CHARGE_CENTS } from "../domain/wallet";
import { aKey, ANN, BOB, fund, memoryDeps, T0, type MemoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

describe("chargeWallet", () => {
  let deps: MemoryDeps;
  beforeEach(() => {
    deps = memoryDeps();
  });

  it("adds to the balance and writes one ledger entry", async () => {
    const result = valueOf(
      await chargeWallet(deps, ANN, { amountCents: 2_500, idempotencyKey: aKey() }),
    );
    expect(result).toEqual({
      entry: {
        id: "00000000-0000-4000-8000-000000000001",
        userId: ANN,
        seq: 1,
        kind: "charge",
        amountCents: 2_500,
        balanceAfterCents: 2_500,
        orderId: null,
        refundId: null,
        createdAt: T0,
      },
      balanceCents: 2_500,
      replayed: false,
    });
    const second = valueOf(
      await chargeWallet(deps, ANN, { amountCents: 500, idempotencyKey: aKey() }),
    );
    expect(second.entry).toMatchObject({ seq: 2, balanceAfterCents: 3_000 });
    expect(await getWallet(deps, ANN)).toEqual({
      balanceCents: 3_000,
      chargeableCents: MAX_CHARGE_CENTS,
    });
    expect(await getWallet(deps, BOB)).toEqual({
      balanceCents: 0,
      chargeableCents: MAX_CHARGE_CENTS,
    });
  });

  it("charges once per idempotency key: a double-click answers the first charge again", async () => {
    const key = aKey();
    const first = valueOf(
      await chargeWallet(deps, ANN, { amountCents: 2_500, idempotencyKey: key }),
    );
    const [again, concurrent] = await Promise.all([
      chargeWallet(deps, ANN, { amountCents: 2_500, idempotencyKey: key }),
      chargeWallet(deps, ANN, { amountCents: 2_500, idempotencyKey: key }),
    ]);
    for (const r of [valueOf(again), valueOf(concurrent)]) {
      expect(r.entry).toEqual(first.entry);
      expect(r.replayed).toBe(true);
      expect(r.balanceCents).toBe(2_500);
    }
    expect(deps.store.entries).toHaveLength(1);
  });

  it("a key is one user's: the same key from another user is another charge", async () => {
    const key = aKey();
    await chargeWallet(deps, ANN, { amountCents: 100, idempotencyKey: key });
    expect(
      valueOf(await chargeWallet(deps, BOB, { amountCents: 100, idempotencyKey: key })).replayed,
    ).toBe(false);
    expect(await getWallet(deps, BOB)).toMatchObject({ balanceCents: 100 });
  });

  it("a replayed key answers today's balance with the original entry", async () => {
    const key = aKey();
    await chargeWallet(deps, ANN, { amountCents: 100, idempotencyKey: key });
    await chargeWallet(deps, ANN, { amountCents: 900, idempotencyKey: aKey() });
    const replay = valueOf(
      await chargeWallet(deps, ANN, { amountCents: 100, idempotencyKey: key }),
    );
    expect(replay).toMatchObject({
      replayed: true,
      balanceCents: 1_000,
      entry: { balanceAfterCents: 100 },
    });
  });

  it("a key reused for another amount is IDEMPOTENCY_KEY_REUSED, and charges nothing", async () => {
    const key = aKey();
    await chargeWallet(deps, ANN, { amountCents: 100, idempotencyKey: key });
    const error = errorOf(
      await chargeWallet(deps, ANN, { amountCents: 200, idempotencyKey: key }),
      "IDEMPOTENCY_KEY_REUSED",
    );
    expect(error.chargedCents).toBe(100);
    expect(await getWallet(deps, ANN)).toMatchObject({ balanceCents: 100 });
  });

  it.each([0, -500, 12.5, Number.NaN])(
    "refuses %s: a field error, nothing changed (no wallet opened)",
    async (amountCents) => {
      const error = errorOf(
        await chargeWallet(deps, ANN, { amountCents, idempotencyKey: aKey() }),
        "VALIDATION_FAILED",
      );
      expect(Object.keys(error.fieldErrors)).toEqual(["amountCents"]);
      expect(deps.store.entries).toHaveLength(0);
    },
  );

  it("refuses more than the per-charge limit with AMOUNT_TOO_LARGE, nothing changed", async () => {
    const error = errorOf(
      await chargeWallet(deps, ANN, { amountCents: MAX_CHARGE_CENTS + 1, idempotencyKey: aKey() }),
      "AMOUNT_TOO_LARGE",
    );
    expect(error).toEqual({
      code: "AMOUNT_TOO_LARGE",
      amountCents: 100_001,
      maxChargeCents: 100_000,
    });
    expect(deps.store.entries).toHaveLength(0);
  });

  it("refuses a charge past the balance limit with BALANCE_LIMIT (saying how much still fits)", async () => {
    await fund(deps, ANN, MAX_BALANCE_CENTS - 300);
    const before = deps.store.entries.length;
    const error = errorOf(
      await chargeWallet(deps, ANN, { amountCents: 301, idempotencyKey: aKey() }),
      "BALANCE_LIMIT",
    );
    expect(error).toEqual({
      code: "BALANCE_LIMIT",
      balanceCents: 999_700,
      maxBalanceCents: 1_000_000,
      chargeableCents: 300,
    });
    expect(deps.store.entries).toHaveLength(before);
    // Exactly up to the limit is fine.
    expect(
      valueOf(await chargeWallet(deps, ANN, { amountCents: 300, idempotencyKey: aKey() }))
        .balanceCents,
    ).toBe(MAX_BALANCE_CENTS);
    expect(await getWallet(deps, ANN)).toEqual({
      balanceCents: MAX_BALANCE_CENTS,
      chargeableCents: 0,
    });
  });

  it("concurrent charges near the limit: exactly the ones that fit go through", async () => {
    await fund(deps, ANN, MAX_BALANCE_CENTS - 1_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        chargeWallet(deps, ANN, { amountCents: 300, idempotencyKey: aKey() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const balance = await deps.store.balanceOf(ANN);
    expect(balance).toBe(MAX_BALANCE_CENTS - 100);
    expect(ledgerSum(deps.store.entries.filter((e) => e.userId === ANN))).toBe(balance);
  });
});
