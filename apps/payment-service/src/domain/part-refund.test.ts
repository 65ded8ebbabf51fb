import { describe, expect, it } from "vitest";
import {
  credited,
  partRefundDiffers,
  partRefundReplyOf,
  refundableOf,
  refusalOf,
  refused,
} from "./part-refund";
import type { Payment } from "./payment";

const orderId = "9f0e6a8e-3f9d-4d1c-8f0a-1c2b3d4e5f60";
const refundId = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const userId = "00000000-0000-4000-8000-00000000a001";
const request = { orderId, refundId, amountCents: 500 };
const paid = (refundedCents: number): Payment => ({
  status: "paid",
  orderId,
  userId,
  amountCents: 1_500,
  balanceAfterCents: 0,
  refundedCents,
});

describe("refusalOf: a payment's refunds never add up to more than it paid", () => {
  it("lets through what fits what is left, to the last cent", () => {
    expect(refusalOf(paid(0), 1_500)).toBeNull();
    expect(refusalOf(paid(1_000), 500)).toBeNull();
    expect(refundableOf(paid(1_000))).toBe(500);
  });

  it("refuses more than is left with EXCEEDS_PAYMENT, saying what is left", () => {
    expect(refusalOf(paid(1_000), 501)).toEqual({
      reason: "EXCEEDS_PAYMENT",
      refundableCents: 500,
    });
    expect(refusalOf(paid(1_500), 1)).toEqual({ reason: "EXCEEDS_PAYMENT", refundableCents: 0 });
  });

  it.each<[string, Payment | null]>([
    ["no payment", null],
    [
      "a failed payment",
      { status: "failed", orderId, userId, amountCents: 1_500, shortByCents: 1 },
    ],
    [
      "a refunded order",
      { status: "refunded", orderId, userId, amountCents: 1_500, refundedCents: 0 },
    ],
    ["a cancelled order", { status: "cancelled", orderId }],
  ])("refuses %s with NOT_PAID, nothing refundable", (_, payment) => {
    expect(refusalOf(payment, 1)).toEqual({ reason: "NOT_PAID", refundableCents: 0 });
  });
});

describe("the record and its reply", () => {
  it("answers a credit with the amount and the balance after", () => {
    expect(partRefundReplyOf(credited(request, userId, 2_000))).toEqual({
      kind: "part-refunded",
      orderId,
      refundId,
      amountCents: 500,
      balanceAfterCents: 2_000,
    });
  });

  it("answers a refusal with its reason and what is refundable", () => {
    expect(partRefundReplyOf(refused({ ...request, amountCents: 600 }, paid(1_000)))).toEqual({
      kind: "part-refund-refused",
      orderId,
      refundId,
      reason: "EXCEEDS_PAYMENT",
      refundableCents: 500,
    });
  });

  it("will not record a refusal the rule would let through (a store bug)", () => {
    expect(() => refused(request, paid(0))).toThrow(/refused, yet it fits/);
  });

  it("tells a repeat that asks for another order or amount than the record", () => {
    const recorded = credited(request, userId, 2_000);
    expect(partRefundDiffers(request, recorded)).toBe(false);
    expect(partRefundDiffers({ ...request, amountCents: 1 }, recorded)).toBe(true);
    expect(partRefundDiffers({ ...request, orderId: userId }, recorded)).toBe(true);
  });
});
