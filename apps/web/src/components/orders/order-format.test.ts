import { describe, expect, it } from "vitest";
import { isCancellable, isFinal, isSettled } from "./order-format";

const refund = (state: string, amountCents: number) => ({ state, amountCents });

describe("when an order page stops asking", () => {
  it("asks while a saga runs: checkout, its undoing, the shopper's cancellation", () => {
    for (const state of ["PENDING", "PAID", "COMPENSATING", "CANCELLING"] as const)
      expect(isSettled({ state, refundedCents: 0, refunds: [] }), state).toBe(false);
    for (const state of ["COMPLETED", "SHIPPED", "DELIVERED", "CANCELLED"] as const) {
      expect(isFinal(state)).toBe(true);
      expect(isSettled({ state, refundedCents: 0, refunds: [] }), state).toBe(true);
    }
  });

  it("asks while a refund is pending, and until the refunded total agrees with the refunds", () => {
    expect(
      isSettled({ state: "SHIPPED", refundedCents: 0, refunds: [refund("PENDING", 500)] }),
    ).toBe(false);
    // A refund seen done beside the total of before (two reads): not settled yet.
    expect(
      isSettled({ state: "SHIPPED", refundedCents: 0, refunds: [refund("COMPLETED", 500)] }),
    ).toBe(false);
    expect(
      isSettled({
        state: "SHIPPED",
        refundedCents: 500,
        refunds: [refund("COMPLETED", 500), refund("FAILED", 300)],
      }),
    ).toBe(true);
  });

  it("offers the cancel until the order ships, unless it is being or was cancelled", () => {
    expect(isCancellable("COMPLETED")).toBe(true);
    expect(isCancellable("PENDING")).toBe(true);
    for (const state of [
      "SHIPPED",
      "DELIVERED",
      "CANCELLED",
      "CANCELLING",
      "COMPENSATING",
    ] as const)
      expect(isCancellable(state), state).toBe(false);
  });
});
