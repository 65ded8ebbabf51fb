import { describe, expect, it } from "vitest";
import {
  decidePay,
  decideRefund,
  differsFrom,
  leftToRefund,
  payReplyOf,
  refunded,
  refundReplyOf,
  settlePay,
  type Payment,
} from "./payment";

const orderId = "9f0e6a8e-3f9d-4d1c-8f0a-1c2b3d4e5f60";
const userId = "00000000-0000-4000-8000-00000000a001";
const request = { orderId, userId, amountCents: 1_500 };

const paid: Payment = {
  status: "paid",
  orderId,
  userId,
  amountCents: 1_500,
  balanceAfterCents: 500,
  refundedCents: 0,
};
const failed: Payment = {
  status: "failed",
  orderId,
  userId,
  amountCents: 1_500,
  shortByCents: 300,
};
const refundedOne: Payment = {
  status: "refunded",
  orderId,
  userId,
  amountCents: 1_500,
  refundedCents: 0,
};
const cancelled: Payment = { status: "cancelled", orderId };

describe("pay", () => {
  it("debits only when nothing is recorded for the order", () => {
    expect(decidePay(null)).toEqual({ action: "debit" });
  });

  it("settles a debit as paid, and a refused one as failed by how much was missing", () => {
    expect(settlePay(request, { kind: "debited", balanceAfterCents: 500 })).toEqual(paid);
    expect(settlePay(request, { kind: "insufficient", balanceCents: 1_200 })).toEqual(failed);
  });

  it.each([
    ["paid", paid, { kind: "paid", orderId, amountCents: 1_500, balanceAfterCents: 500 }],
    [
      "failed",
      failed,
      { kind: "failed", orderId, reason: "INSUFFICIENT_BALANCE", shortByCents: 300 },
    ],
    ["refunded", refundedOne, { kind: "failed", orderId, reason: "ALREADY_REFUNDED" }],
    ["cancelled", cancelled, { kind: "failed", orderId, reason: "ALREADY_REFUNDED" }],
  ])("a pay for a %s order answers from the record, without debiting", (_, recorded, reply) => {
    expect(decidePay(recorded)).toEqual({ action: "answer", reply });
    expect(payReplyOf(recorded)).toEqual(reply);
  });
});

describe("refund", () => {
  it("credits a paid order back, once: after it the order is refunded", () => {
    expect(decideRefund(orderId, paid)).toEqual({ action: "credit", payment: paid });
    if (paid.status !== "paid") throw new Error("fixture");
    expect(refunded(paid)).toEqual(refundedOne);
    expect(decideRefund(orderId, refundedOne)).toEqual({
      action: "answer",
      reply: { kind: "refunded", orderId, amountCents: 1_500 },
    });
  });

  it("of an order refunded in parts gives back only the rest, and answers so every time", () => {
    const partly = { ...paid, refundedCents: 400 } as const;
    expect(leftToRefund(partly)).toBe(1_100);
    const after = refunded(partly);
    expect(after).toEqual({ ...refundedOne, refundedCents: 400 });
    if (after.status !== "refunded") throw new Error("fixture");
    expect(refundReplyOf(after)).toEqual({ kind: "refunded", orderId, amountCents: 1_100 });
    // Refunded in parts to the last cent: the whole refund has nothing left to give.
    expect(leftToRefund({ ...paid, refundedCents: 1_500 })).toBe(0);
  });

  it("before any pay: credits nothing, records the order as cancelled (the late-reply rule)", () => {
    const decision = decideRefund(orderId, null);
    expect(decision).toEqual({ action: "cancel", payment: cancelled });
    // ...and a pay that arrives afterwards is refused without a debit.
    expect(decidePay(cancelled)).toEqual({
      action: "answer",
      reply: { kind: "failed", orderId, reason: "ALREADY_REFUNDED" },
    });
  });

  it.each([
    ["failed", failed],
    ["cancelled", cancelled],
  ] as const)("of a %s order answers 0: nothing was taken", (_, recorded) => {
    expect(decideRefund(orderId, recorded)).toEqual({
      action: "answer",
      reply: { kind: "refunded", orderId, amountCents: 0 },
    });
    expect(refundReplyOf(recorded).amountCents).toBe(0);
  });
});

describe("differsFrom", () => {
  it("tells a pay that asks for another user or amount than the record", () => {
    expect(differsFrom(request, paid)).toBe(false);
    expect(differsFrom({ ...request, amountCents: 1 }, paid)).toBe(true);
    expect(differsFrom({ ...request, userId: orderId }, failed)).toBe(true);
    expect(differsFrom({ ...request, amountCents: 1 }, cancelled)).toBe(false);
  });
});
