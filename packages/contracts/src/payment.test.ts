import { describe, expect, it } from "vitest";
import { createMessage } from "./messages";
import {
  chargeWalletInput,
  paymentFailed,
  paymentPaid,
  paymentPay,
  paymentRefund,
  paymentRefunded,
  walletLedgerInput,
} from "./payment";

/** The fields a parse refused, each once. */
const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => [
  ...new Set(r.error?.issues.map((i) => i.path.join(".")) ?? []),
];

const KEY = "3b241101-e2bb-4255-8caf-4136c566a962";
const ORDER = "9f0e6a8e-3f9d-4d1c-8f0a-1c2b3d4e5f60";
const USER = "00000000-0000-4000-8000-000000000001";

describe("chargeWalletInput", () => {
  it("accepts whole positive cents and a UUID-shaped key", () => {
    expect(chargeWalletInput.parse({ amountCents: 2_500, idempotencyKey: KEY })).toEqual({
      amountCents: 2_500,
      idempotencyKey: KEY,
    });
  });

  it.each([
    ["zero", 0],
    ["a negative amount", -100],
    ["a fractional amount", 12.5],
    ["a string", "100"],
    ["NaN", Number.NaN],
    ["infinity", Number.POSITIVE_INFINITY],
    ["an unsafe integer", 2 ** 60],
  ])("refuses %s on amountCents", (_, amountCents) => {
    const result = chargeWalletInput.safeParse({ amountCents, idempotencyKey: KEY });
    expect(fieldsOf(result)).toEqual(["amountCents"]);
  });

  it("leaves the limits to the wallet (AMOUNT_TOO_LARGE, BALANCE_LIMIT come from the service)", () => {
    expect(chargeWalletInput.safeParse({ amountCents: 10 ** 9, idempotencyKey: KEY }).success).toBe(
      true,
    );
  });

  it.each([
    ["missing", undefined],
    ["too short", "abc"],
    ["too long", "a".repeat(65)],
    ["with a space", "abcdefgh abcdefgh"],
    ["with a NUL", `${"a".repeat(20)}\u0000`],
  ])("refuses an idempotency key %s", (_, idempotencyKey) => {
    const result = chargeWalletInput.safeParse({ amountCents: 100, idempotencyKey });
    expect(fieldsOf(result)).toEqual(["idempotencyKey"]);
  });
});

describe("walletLedgerInput", () => {
  it("defaults to the newest 20", () => {
    expect(walletLedgerInput.parse(undefined)).toEqual({ limit: 20 });
    expect(walletLedgerInput.parse({ before: 7 })).toEqual({ before: 7, limit: 20 });
  });

  it.each([
    [{ before: 0 }, "before"],
    [{ before: 1.5 }, "before"],
    [{ limit: 0 }, "limit"],
    [{ limit: 101 }, "limit"],
  ])("refuses %j on %s", (input, field) => {
    expect(fieldsOf(walletLedgerInput.safeParse(input))).toEqual([field]);
  });
});

describe("payment messages", () => {
  it("pay carries the order, the user and a positive whole amount", () => {
    const pay = { orderId: ORDER, userId: USER, amountCents: 1_999 };
    expect(createMessage(paymentPay, pay, { correlationId: ORDER }).payload).toEqual(pay);
    for (const amountCents of [0, -1, 1.5])
      expect(paymentPay.schema.safeParse({ ...pay, amountCents }).success).toBe(false);
    expect(paymentPay.schema.safeParse({ ...pay, userId: "ann" }).success).toBe(false);
    expect(paymentPay.schema.safeParse({ orderId: ORDER, amountCents: 5 }).success).toBe(false);
  });

  it("failed names its reason; INSUFFICIENT_BALANCE says by how much", () => {
    expect(
      paymentFailed.schema.parse({
        orderId: ORDER,
        reason: "INSUFFICIENT_BALANCE",
        shortByCents: 5,
      }),
    ).toEqual({ orderId: ORDER, reason: "INSUFFICIENT_BALANCE", shortByCents: 5 });
    expect(paymentFailed.schema.parse({ orderId: ORDER, reason: "ALREADY_REFUNDED" })).toEqual({
      orderId: ORDER,
      reason: "ALREADY_REFUNDED",
    });
    expect(
      paymentFailed.schema.safeParse({ orderId: ORDER, reason: "INSUFFICIENT_BALANCE" }).success,
    ).toBe(false);
    expect(paymentFailed.schema.safeParse({ orderId: ORDER, reason: "NOPE" }).success).toBe(false);
  });

  it("paid has an optional balance after; refunded may be 0 (nothing was paid)", () => {
    expect(paymentPaid.schema.parse({ orderId: ORDER, amountCents: 5 })).toEqual({
      orderId: ORDER,
      amountCents: 5,
    });
    expect(paymentRefunded.schema.parse({ orderId: ORDER, amountCents: 0 }).amountCents).toBe(0);
    expect(paymentRefunded.schema.safeParse({ orderId: ORDER, amountCents: -1 }).success).toBe(
      false,
    );
    expect(paymentRefund.schema.safeParse({ orderId: "order-1" }).success).toBe(false);
  });

  it("has one type per message, all owned by payment", () => {
    const all = [paymentPay, paymentPaid, paymentFailed, paymentRefund, paymentRefunded];
    expect(all.map((d) => d.type)).toEqual([
      "payment.pay",
      "payment.paid",
      "payment.failed",
      "payment.refund",
      "payment.refunded",
    ]);
    expect(all.every((d) => d.version === 1)).toBe(true);
  });
});
