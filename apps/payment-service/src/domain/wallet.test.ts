import { describe, expect, it } from "vitest";
import * as contracts from "@shop/contracts";
import { formatMoney } from "@shop/kernel";
import {
  canCharge,
  canDebit,
  chargeableCents,
  checkChargeAmount,
  ledgerSum,
  MAX_BALANCE_CENTS,
  MAX_CHARGE_CENTS,
} from "./wallet";

describe("wallet limits", () => {
  it("are $1,000.00 a charge and $10,000.00 a balance", () => {
    expect(formatMoney(MAX_CHARGE_CENTS)).toBe("$1,000.00");
    expect(formatMoney(MAX_BALANCE_CENTS)).toBe("$10,000.00");
  });

  it("agree with the numbers the charge form reads from @shop/contracts", () => {
    expect(contracts.MAX_CHARGE_CENTS).toBe(MAX_CHARGE_CENTS);
    expect(contracts.MAX_BALANCE_CENTS).toBe(MAX_BALANCE_CENTS);
  });
});

describe("checkChargeAmount", () => {
  it("accepts 1 cent up to the per-charge limit", () => {
    expect(checkChargeAmount(1)).toEqual({ ok: true, value: 1 });
    expect(checkChargeAmount(MAX_CHARGE_CENTS)).toEqual({ ok: true, value: MAX_CHARGE_CENTS });
  });

  it.each([0, -1, -100_000, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    "refuses %s as a field error on amountCents",
    (amountCents) => {
      expect(checkChargeAmount(amountCents)).toEqual({
        ok: false,
        error: {
          code: "VALIDATION_FAILED",
          fieldErrors: { amountCents: ["Enter a whole number of cents, more than zero"] },
        },
      });
    },
  );

  it("refuses one cent over the limit with AMOUNT_TOO_LARGE", () => {
    expect(checkChargeAmount(MAX_CHARGE_CENTS + 1)).toEqual({
      ok: false,
      error: { code: "AMOUNT_TOO_LARGE", amountCents: 100_001, maxChargeCents: 100_000 },
    });
  });
});

describe("chargeableCents", () => {
  it.each([
    [0, MAX_CHARGE_CENTS],
    [MAX_BALANCE_CENTS - MAX_CHARGE_CENTS, MAX_CHARGE_CENTS],
    [MAX_BALANCE_CENTS - 250, 250],
    [MAX_BALANCE_CENTS, 0],
    [MAX_BALANCE_CENTS + 5_000, 0], // above the limit after a refund
  ])("balance %i -> %i", (balance, chargeable) => {
    expect(chargeableCents(balance)).toBe(chargeable);
  });
});

describe("the guards the store applies", () => {
  it("charge: whole positive cents, within both limits", () => {
    expect(canCharge(0, MAX_CHARGE_CENTS)).toBe(true);
    expect(canCharge(MAX_BALANCE_CENTS - 1, 1)).toBe(true);
    expect(canCharge(MAX_BALANCE_CENTS - 1, 2)).toBe(false);
    expect(canCharge(0, MAX_CHARGE_CENTS + 1)).toBe(false);
    expect(canCharge(0, 0)).toBe(false);
  });

  it("debit: never below zero", () => {
    expect(canDebit(500, 500)).toBe(true);
    expect(canDebit(500, 501)).toBe(false);
    expect(canDebit(500, -1)).toBe(false);
  });

  it("the ledger's sum is the balance", () => {
    expect(ledgerSum([{ amountCents: 1_000 }, { amountCents: -300 }, { amountCents: 300 }])).toBe(
      1_000,
    );
    expect(ledgerSum([])).toBe(0);
  });
});
