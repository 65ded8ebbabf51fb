import { describe, expect, it } from "vitest";
import { decide, type SagaInput, type SagaReply, type SagaState } from "./saga";
import {
  APRON,
  at,
  COUPON_ID,
  DISCOUNT,
  LINES,
  MUG,
  NAMES,
  ORDER_ID,
  PRICES,
  play,
  startState,
  SUBTOTAL,
  USER_ID,
} from "../test/saga-world";

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
const used: SagaReply = {
  type: "coupon.used",
  orderId,
  couponId: COUPON_ID,
  discountCents: DISCOUNT,
};
const TOTAL = SUBTOTAL - DISCOUNT;
const paid: SagaReply = { type: "payment.paid", orderId, amountCents: TOTAL };
const refunded = (amountCents: number): SagaReply => ({
  type: "payment.refunded",
  orderId,
  amountCents,
});
const restored: SagaReply = { type: "coupon.restored", orderId };
const released: SagaReply = { type: "stock.released", orderId };

const reply = (r: SagaReply, ms = 1): SagaInput => ({ kind: "reply", reply: r, now: at(ms) });
const start: SagaInput = { kind: "start", now: at(0) };
const tick = (ms: number): SagaInput => ({ kind: "deadline", now: at(ms) });

describe("decide: the checkout saga", () => {
  it("happy path with a coupon: reserve, use, pay, complete, order.completed once", () => {
    const s0 = startState({ coupon: "ok" }, at(0));
    const first = decide(s0, start);
    expect(first.commands).toEqual([
      {
        type: "stock.reserve",
        orderId,
        lines: [
          { productId: APRON, quantity: 2 },
          { productId: MUG, quantity: 1 },
        ],
      },
    ]);
    expect(first.state).toMatchObject({ status: "PENDING", step: "stock", version: 1 });
    expect(first.state.deadline).toBe(at(10_000).toISOString());

    const afterStock = decide(first.state, reply(reserved, 5));
    expect(afterStock.state.status).toBe("STOCK_RESERVED");
    expect(afterStock.commands).toEqual([
      {
        type: "coupon.use",
        orderId,
        couponId: COUPON_ID,
        userId: USER_ID,
        orderAmountCents: SUBTOTAL,
      },
    ]);
    const afterCoupon = decide(afterStock.state, reply(used, 6));
    expect(afterCoupon.state.status).toBe("COUPON_APPLIED");
    expect(afterCoupon.commands).toEqual([
      { type: "payment.pay", orderId, userId: USER_ID, amountCents: TOTAL },
    ]);
    const done = decide(afterCoupon.state, reply(paid, 7));
    expect(done.state).toMatchObject({
      status: "COMPLETED",
      step: null,
      deadline: null,
      reason: null,
    });
    expect(done.commands).toEqual([
      {
        type: "order.completed",
        orderId,
        userId: USER_ID,
        lines: [
          { productId: APRON, quantity: 2, unitPriceCents: 1_240 },
          { productId: MUG, quantity: 1, unitPriceCents: 800 },
        ],
        subtotalCents: SUBTOTAL,
        discountCents: DISCOUNT,
        totalCents: TOTAL,
        couponId: COUPON_ID,
        placedAt: at(0).toISOString(),
        completedAt: at(7).toISOString(),
      },
    ]);
    // The timeline for the shopper and the admin: every status, command and reply, with times.
    expect(done.state.log.map((e) => `${e.kind} ${e.type}`)).toEqual([
      "status PENDING",
      "command stock.reserve",
      "reply stock.reserved",
      "status STOCK_RESERVED",
      "command coupon.use",
      "reply coupon.used",
      "status COUPON_APPLIED",
      "command payment.pay",
      "reply payment.paid",
      "status PAID",
      "status COMPLETED",
      "command order.completed",
    ]);
    // Nothing moves a completed order.
    for (const input of [reply(paid), reply(refunded(0)), tick(99_000)])
      expect(decide(done.state, input)).toEqual({ state: done.state, commands: [] });
  });

  it("without a coupon the coupon step is skipped and the whole subtotal is paid", () => {
    const { state, types, commands } = play(startState({ coupon: "none" }, at(0)), [
      start,
      reply(reserved),
      reply({ type: "payment.paid", orderId, amountCents: SUBTOTAL }),
    ]);
    expect(types).toEqual(["stock.reserve", "payment.pay", "order.completed"]);
    expect(commands[1]).toMatchObject({ amountCents: SUBTOTAL });
    expect(state.status).toBe("COMPLETED");
  });

  it("a coupon that covers everything leaves nothing to pay: no payment step", () => {
    const { state, types } = play(startState({ coupon: "ok" }, at(0)), [
      start,
      reply(reserved),
      reply({ ...used, discountCents: SUBTOTAL + 1 } as SagaReply),
    ]);
    expect(types).toEqual(["stock.reserve", "coupon.use", "order.completed"]);
    expect(state.data).toMatchObject({ discountCents: SUBTOTAL, totalCents: 0 });
  });

  it("out of stock: cancelled at once, nothing charged, coupon untouched", () => {
    const { state, types } = play(startState({ coupon: "ok" }, at(0)), [
      start,
      reply({
        type: "stock.rejected",
        orderId,
        reason: "OUT_OF_STOCK",
        productId: APRON,
        available: 1,
      }),
    ]);
    expect(types).toEqual(["stock.reserve"]);
    expect(state.status).toBe("CANCELLED");
    expect(state.reason).toEqual({ code: "OUT_OF_STOCK", message: "Only 1 left of Linen Apron" });
  });

  it("insufficient balance: coupon restored, then stock released, then CANCELLED", () => {
    const s = play(startState({ coupon: "ok" }, at(0)), [
      start,
      reply(reserved),
      reply(used),
      reply({
        type: "payment.failed",
        orderId,
        reason: "INSUFFICIENT_BALANCE",
        shortByCents: 1_240,
      }),
    ]);
    expect(s.types.slice(3)).toEqual(["coupon.restore"]);
    expect(s.state).toMatchObject({ status: "COMPENSATING", step: "coupon" });
    expect(s.state.reason).toEqual({
      code: "INSUFFICIENT_BALANCE",
      message: "Not enough balance: charge $12.40 more",
    });
    const next = play(s.state, [reply(restored)]);
    expect(next.types).toEqual(["stock.release"]);
    const end = play(next.state, [reply(released)]);
    expect(end.types).toEqual([]);
    expect(end.state.status).toBe("CANCELLED");
    expect(end.state.reason?.code).toBe("INSUFFICIENT_BALANCE");
  });

  it("invalid coupon: stock released, no payment asked", () => {
    const { state, types } = play(startState({ coupon: "ok" }, at(0)), [
      start,
      reply(reserved),
      reply({ type: "coupon.rejected", orderId, couponId: COUPON_ID, reason: "EXPIRED" }),
      reply(released),
    ]);
    expect(types).toEqual(["stock.reserve", "coupon.use", "stock.release"]);
    expect(state.status).toBe("CANCELLED");
    expect(state.reason).toEqual({ code: "COUPON_EXPIRED", message: "This coupon has expired" });
  });

  it("payment down past its deadline: refunded (re-sent until answered), then coupon, then stock; its late replies change nothing", () => {
    const s = play(startState({ coupon: "ok" }, at(0)), [start, reply(reserved), reply(used, 2)]);
    // A tick before the deadline does nothing.
    expect(decide(s.state, tick(9_000)).commands).toEqual([]);
    const timedOut = play(s.state, [tick(10_002)]);
    expect(timedOut.types).toEqual(["payment.refund"]);
    expect(timedOut.state).toMatchObject({ status: "COMPENSATING", step: "payment" });
    expect(timedOut.state.reason?.code).toBe("PAYMENT_TIMEOUT");
    // Still down: the refund is sent again, never given up.
    const again = play(timedOut.state, [tick(20_003), tick(30_004)]);
    expect(again.types).toEqual(["payment.refund", "payment.refund"]);
    expect(
      again.state.log.filter((e) => e.type === "payment.refund").map((e) => e.attempt),
    ).toEqual([undefined, 2, 3]);
    // Back up: the pay was processed before the refund, so a late paid arrives, then refunded.
    const late = play(again.state, [reply(paid, 30_010)]);
    expect(late.types).toEqual([]); // the refund already sent undoes it
    const rest = play(late.state, [
      reply(refunded(TOTAL), 30_011),
      reply(refunded(TOTAL), 30_012), // the re-sent refunds' replies
      reply(restored, 30_013),
      reply(released, 30_014),
    ]);
    expect(rest.types).toEqual(["coupon.restore", "stock.release"]);
    expect(rest.state.status).toBe("CANCELLED");
    // A reply even later changes nothing.
    expect(decide(rest.state, reply(paid, 40_000)).state).toBe(rest.state);
  });

  it("stock down past its deadline: released; a late reserved after the release reply changes nothing", () => {
    const s = play(startState({ coupon: "ok" }, at(0)), [start, tick(10_000)]);
    expect(s.types).toEqual(["stock.reserve", "stock.release"]);
    const end = play(s.state, [reply(released, 10_001)]);
    expect(end.state.status).toBe("CANCELLED");
    expect(end.state.reason?.code).toBe("STOCK_TIMEOUT");
    const late = decide(end.state, reply(reserved, 10_002));
    expect(late).toEqual({ state: end.state, commands: [] });
  });

  it("coupon down: a late used while the restore is awaited is recorded; restore then release", () => {
    const s = play(startState({ coupon: "ok" }, at(0)), [start, reply(reserved), tick(10_001)]);
    expect(s.types).toEqual(["stock.reserve", "coupon.use", "coupon.restore"]);
    const late = play(s.state, [reply(used, 10_002)]);
    expect(late.types).toEqual([]);
    expect(late.state.steps.coupon).toEqual({
      sent: true,
      outcome: "succeeded",
      compensation: "sent",
    });
    const end = play(late.state, [reply(restored), reply(released)]);
    expect(end.types).toEqual(["stock.release"]);
    expect(end.state.status).toBe("CANCELLED");
  });

  it("duplicated replies change nothing: same state object, no command", () => {
    const s = play(startState({ coupon: "ok" }, at(0)), [start, reply(reserved)]);
    const dup = decide(s.state, reply(reserved, 3));
    expect(dup.state).toBe(s.state);
    expect(dup.commands).toEqual([]);
    // A reply for a step never asked for, or for another order, neither.
    expect(decide(s.state, reply(paid)).state).toBe(s.state);
    expect(decide(s.state, reply({ ...released, orderId: USER_ID })).state).toBe(s.state);
    // A compensation reply nobody asked for.
    expect(decide(s.state, reply(released)).state).toBe(s.state);
    // Start twice.
    expect(decide(s.state, start).state).toBe(s.state);
  });

  it("resumes from its persisted form: a restart's deadline tick goes on where it was", () => {
    const s = play(startState({ coupon: "none" }, at(0)), [start, reply(reserved)]);
    const persisted = JSON.parse(JSON.stringify(s.state)) as SagaState;
    expect(decide(persisted, tick(5)).commands).toEqual([]); // not overdue: nothing to do
    const overdue = decide(persisted, tick(10_002));
    expect(overdue.commands.map((c) => c.type)).toEqual(["payment.refund"]);
    // A saga saved before its first command (crash between the two) starts on its first tick.
    const fresh = decide(startState({ coupon: "none" }, at(0)), tick(1));
    expect(fresh.commands.map((c) => c.type)).toEqual(["stock.reserve"]);
  });

  it("a resume after the orchestrator was away asks the awaited step again, with a fresh deadline, whatever the time away", () => {
    const resume = (ms: number): SagaInput => ({ kind: "resume", now: at(ms) });
    // Paying, and the orchestrator away for a minute: the same pay again, not a refund.
    const paying = play(startState({ coupon: "none" }, at(0)), [start, reply(reserved)]);
    const back = decide(paying.state, resume(60_000));
    expect(back.commands).toEqual([
      { type: "payment.pay", orderId, userId: USER_ID, amountCents: SUBTOTAL },
    ]);
    expect(back.state).toMatchObject({
      status: "COUPON_APPLIED",
      step: "payment",
      deadline: at(70_000).toISOString(),
    });
    expect(back.state.log.slice(-2)).toMatchObject([
      { kind: "resume", type: "payment" },
      { kind: "command", type: "payment.pay", attempt: 2 },
    ]);
    // Its reply then completes the order; silence for a whole step after the resume does not.
    expect(decide(back.state, reply(paid, 60_001)).state.status).toBe("COMPLETED");
    expect(decide(back.state, tick(69_999)).state).toBe(back.state);
    expect(decide(back.state, tick(70_000)).state.status).toBe("COMPENSATING");

    // Compensating: the awaited compensation is sent again (attempt 2), still the only one.
    const refunding = play(paying.state, [tick(10_001)]);
    const again = decide(refunding.state, resume(60_000));
    expect(again.commands.map((c) => c.type)).toEqual(["payment.refund"]);
    expect(again.state.compensationAttempts.payment).toBe(2);
    expect(again.state.deadline).toBe(at(70_000).toISOString());

    // Nothing to resume at the end; a saga never started is started.
    const done = play(back.state, [reply(paid, 60_001)]).state;
    expect(decide(done, resume(90_000)).state).toBe(done);
    const fresh = decide(startState({ coupon: "none" }, at(0)), resume(1));
    expect(fresh.commands.map((c) => c.type)).toEqual(["stock.reserve"]);
  });

  it("never mutates the state it is given", () => {
    const s0 = startState({ coupon: "ok" }, at(0));
    const frozen = JSON.stringify(s0);
    decide(s0, start);
    expect(JSON.stringify(s0)).toBe(frozen);
  });
});
