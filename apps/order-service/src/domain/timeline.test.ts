import { describe, expect, it } from "vitest";
import { decide, type SagaInput, type SagaReply, type SagaState } from "./saga";
import { timelineOf } from "./timeline";
import {
  COUPON_ID,
  DISCOUNT,
  LINES,
  NAMES,
  ORDER_ID,
  PRICES,
  startState,
  T0,
  SUBTOTAL,
} from "../test/saga-world";

const iso = (ms: number) => new Date(T0 + ms).toISOString();
const orderId = ORDER_ID;
const reserved: SagaReply = {
  type: "stock.reserved",
  orderId,
  lines: LINES.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    unitPriceCents: PRICES[l.productId as keyof typeof PRICES],
    name: NAMES[l.productId as keyof typeof NAMES],
  })),
};

function after(coupon: boolean, inputs: [SagaReply | "deadline", number][]): SagaState {
  const fresh = startState({ coupon: coupon ? "ok" : "none", stepTimeoutMs: 1_000 }, new Date(T0));
  let s = decide(fresh, { kind: "start", now: new Date(T0) }).state;
  for (const [r, ms] of inputs) {
    const input: SagaInput =
      r === "deadline"
        ? { kind: "deadline", now: new Date(T0 + ms) }
        : { kind: "reply", reply: r, now: new Date(T0 + ms) };
    s = decide(s, input).state;
  }
  return s;
}
const rows = (s: SagaState) => timelineOf(s).map((t) => [t.step, t.status, t.at]);

describe("the shopper's timeline", () => {
  it("shows every step done, with the time its reply came, once COMPLETED", () => {
    const s = after(true, [
      [reserved, 10],
      [{ type: "coupon.used", orderId, couponId: COUPON_ID, discountCents: DISCOUNT }, 20],
      [{ type: "payment.paid", orderId, amountCents: SUBTOTAL - DISCOUNT }, 30],
    ]);
    expect(s.status).toBe("COMPLETED");
    expect(rows(s)).toEqual([
      ["reserve-stock", "done", iso(10)],
      ["use-coupon", "done", iso(20)],
      ["pay", "done", iso(30)],
      // After checkout, the order waits to be shipped and delivered.
      ["ship", "waiting", null],
      ["deliver", "waiting", null],
    ]);
  });

  it("shows a failed payment, then the compensations in the order they ran", () => {
    const s = after(true, [
      [reserved, 10],
      [{ type: "coupon.used", orderId, couponId: COUPON_ID, discountCents: DISCOUNT }, 20],
      [{ type: "payment.failed", orderId, reason: "INSUFFICIENT_BALANCE", shortByCents: 5 }, 30],
      [{ type: "coupon.restored", orderId }, 40],
    ]);
    expect(s.status).toBe("COMPENSATING");
    expect(rows(s)).toEqual([
      ["reserve-stock", "done", iso(10)],
      ["use-coupon", "done", iso(20)],
      ["pay", "failed", iso(30)],
      ["restore-coupon", "done", iso(40)],
      ["release-stock", "waiting", iso(40)],
    ]);
  });

  it("shows a step past its deadline as failed at the deadline, and later steps skipped", () => {
    const s = after(false, [
      ["deadline", 1_000],
      [{ type: "stock.released", orderId }, 1_100],
    ]);
    expect(s.status).toBe("CANCELLED");
    expect(rows(s)).toEqual([
      ["reserve-stock", "failed", iso(1_000)],
      ["use-coupon", "skipped", null],
      ["pay", "skipped", null],
      ["release-stock", "done", iso(1_100)],
    ]);
  });

  it("while stock is awaited, payment is still to come; without a coupon, that step is skipped", () => {
    expect(rows(after(false, []))).toEqual([
      ["reserve-stock", "waiting", iso(0)],
      ["use-coupon", "skipped", null],
      ["pay", "waiting", null],
    ]);
  });
});
