/*
 * After the sale (after-sale.ts), by example: the refusals, a completed order's cancellation
 * step by step, a deadline, a refused refund. The generated worlds (saga.property.test.ts) hold
 * the invariants; these pin the exact commands and codes.
 */
import { describe, expect, it } from "vitest";
import {
  cancelRefusal,
  decide,
  deliver,
  fulfilmentOf,
  requestRefund,
  returnedUnits,
  returnsOf,
  ship,
  type Decision,
  type SagaInput,
  type SagaReply,
  type SagaState,
} from "./saga";
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
} from "../test/saga-world";

const TIMEOUT = 10_000;
const orderId = ORDER_ID;
const TOTAL = SUBTOTAL - DISCOUNT;

const reply = (r: SagaReply, ms: number): SagaInput => ({ kind: "reply", reply: r, now: at(ms) });

/** An order through checkout: reserved, the coupon used (if any), paid. */
function completed(coupon: boolean, discountCents = DISCOUNT): SagaState {
  const subtotal = SUBTOTAL;
  const { state } = play(
    startState({ coupon: coupon ? "ok" : "none", stepTimeoutMs: TIMEOUT }, at(0)),
    [
      { kind: "start", now: at(0) },
      reply(
        {
          type: "stock.reserved",
          orderId,
          lines: LINES.map((l) => ({
            productId: l.productId,
            quantity: l.quantity,
            unitPriceCents: PRICES[l.productId as keyof typeof PRICES],
            name: NAMES[l.productId as keyof typeof NAMES],
          })),
        },
        1,
      ),
      ...(coupon
        ? [reply({ type: "coupon.used", orderId, couponId: COUPON_ID, discountCents }, 2)]
        : []),
      reply(
        {
          type: "payment.paid",
          orderId,
          amountCents: subtotal - (coupon ? discountCents : 0),
        },
        3,
      ),
    ],
  );
  expect(state.status).toBe("COMPLETED");
  return state;
}

const refund = (
  s: SagaState,
  refundId: string,
  lines: { productId: string; quantity: number }[] | null,
  restock = false,
) => requestRefund(s, { refundId, lines, restock, reason: "Damaged", by: "admin", now: at(10) });

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
};

const partRefunded = (refundId: string, amountCents: number): SagaReply => ({
  type: "payment.part-refunded",
  orderId,
  refundId,
  amountCents,
  balanceAfterCents: 0,
});
const refused = (refundId: string): SagaReply => ({
  type: "payment.part-refund-refused",
  orderId,
  refundId,
  reason: "EXCEEDS_PAYMENT",
  refundableCents: 0,
});
const restocked = (refundId: string): SagaReply => ({
  type: "stock.restocked",
  orderId,
  refundId,
});

describe("after the sale: refusals", () => {
  it("refuses more units than were bought, naming the line's quantity", () => {
    const r = refund(completed(false), "r1", [{ productId: APRON, quantity: 3 }]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        fieldErrors: { "lines.0.quantity": ["Only 2 of 2 Linen Apron left to refund"] },
      },
    });
  });

  it("refuses a line that is not on the order, naming its product", () => {
    const r = refund(completed(false), "r1", [
      { productId: MUG, quantity: 1 },
      { productId: "33333333-3333-4333-8333-333333333333", quantity: 1 },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("VALIDATION_FAILED");
    expect(r.error).toMatchObject({ fieldErrors: { "lines.1.productId": expect.any(Array) } });
    const first = refund(completed(false), "r1", [
      { productId: "33333333-3333-4333-8333-333333333333", quantity: 1 },
    ]);
    expect(first).toMatchObject({
      ok: false,
      error: { fieldErrors: { "lines.0.productId": ["This product is not on the order"] } },
    });
  });

  it("refuses a refund once everything was refunded (pending or done)", () => {
    const all = must(refund(completed(false), "r1", null));
    expect(refund(all.state, "r2", null)).toMatchObject({
      ok: false,
      error: { code: "ALREADY_REFUNDED" },
    });
    expect(refund(all.state, "r2", [{ productId: MUG, quantity: 1 }])).toMatchObject({
      ok: false,
      error: { code: "ALREADY_REFUNDED" },
    });
    // The same refund id again is the same request: nothing changes, nothing is sent.
    expect(must(refund(all.state, "r1", null))).toEqual({ state: all.state, commands: [] });
  });

  it("refuses to refund an order whose checkout did not complete", () => {
    const pending = play(startState({ coupon: "none", stepTimeoutMs: TIMEOUT }, at(0)), [
      { kind: "start", now: at(0) },
    ]).state;
    expect(pending.status).toBe("PENDING");
    expect(refund(pending, "r1", null)).toMatchObject({
      ok: false,
      error: { code: "ORDER_STATE_CONFLICT" },
    });
    const cancelled = play(pending, [
      { kind: "cancel", refundId: "c1", by: "shopper", now: at(1) },
      reply({ type: "stock.released", orderId }, 2),
    ]).state;
    expect(cancelled.status).toBe("CANCELLED");
    expect(refund(cancelled, "r1", null)).toMatchObject({
      ok: false,
      error: { code: "ORDER_STATE_CONFLICT" },
    });
  });

  it("ships only a completed order, and delivers only a shipped one", () => {
    const pending = play(startState({ coupon: "none", stepTimeoutMs: TIMEOUT }, at(0)), [
      { kind: "start", now: at(0) },
    ]).state;
    expect(ship(pending, { carrier: null, tracking: null, now: at(1) })).toMatchObject({
      ok: false,
      error: { code: "ORDER_STATE_CONFLICT" },
    });
    const done = completed(false);
    expect(deliver(done, { now: at(5) })).toMatchObject({
      ok: false,
      error: { code: "ORDER_STATE_CONFLICT" },
    });
    const cancelling = decide(done, { kind: "cancel", refundId: "c1", by: "u", now: at(5) });
    expect(cancelling.state.status).toBe("CANCELLING");
    expect(ship(cancelling.state, { carrier: null, tracking: null, now: at(6) })).toMatchObject({
      ok: false,
      error: { code: "ORDER_STATE_CONFLICT" },
    });
  });

  it("ships again with the same values as a no-op, and corrects a given carrier or tracking", () => {
    const shipped = must(ship(completed(true), { carrier: "DHL", tracking: "1", now: at(5) }));
    const again = must(ship(shipped.state, { carrier: "DHL", tracking: "1", now: at(6) }));
    expect(again).toEqual({ state: shipped.state, commands: [] });
    expect(must(ship(shipped.state, { carrier: null, tracking: null, now: at(6) })).state).toBe(
      shipped.state,
    );
    const corrected = must(ship(shipped.state, { carrier: null, tracking: "12", now: at(7) }));
    expect(fulfilmentOf(corrected.state)).toEqual({
      ...fulfilmentOf(shipped.state),
      carrier: "DHL",
      tracking: "12",
    });
    expect(corrected.state.status).toBe("SHIPPED");
    expect(corrected.commands).toEqual([]);
  });

  it("refuses the shopper's cancel once the order shipped, and the saga ignores it", () => {
    const shipped = must(ship(completed(true), { carrier: "DHL", tracking: "1", now: at(5) }));
    expect(shipped.state.status).toBe("SHIPPED");
    expect(cancelRefusal(shipped.state)).toMatchObject({ code: "ORDER_NOT_CANCELLABLE" });
    const d = decide(shipped.state, { kind: "cancel", refundId: "c1", by: "u", now: at(6) });
    expect(d).toEqual({ state: shipped.state, commands: [] });
    const delivered = must(deliver(shipped.state, { now: at(7) }));
    expect(cancelRefusal(delivered.state)).toMatchObject({ code: "ORDER_NOT_CANCELLABLE" });
  });

  it("refuses the shopper's cancel while an admin's refund runs, and takes the rest after it", () => {
    const r1 = must(refund(completed(false), "r1", [{ productId: MUG, quantity: 1 }]));
    expect(cancelRefusal(r1.state)).toMatchObject({ code: "ORDER_STATE_CONFLICT" });
    const ignored = decide(r1.state, { kind: "cancel", refundId: "c1", by: "u", now: at(11) });
    expect(ignored).toEqual({ state: r1.state, commands: [] });
    // The refund ends; now the cancel gives back what it left: the two aprons.
    const after = decide(r1.state, reply(partRefunded("r1", 800), 12)).state;
    expect(returnsOf(after)[0]?.status).toBe("COMPLETED");
    expect(cancelRefusal(after)).toBeNull();
    const cancel = decide(after, { kind: "cancel", refundId: "c1", by: "u", now: at(13) });
    expect(cancel.commands).toEqual([
      {
        type: "payment.refund-part",
        orderId,
        refundId: "c1",
        amountCents: 2 * PRICES[APRON],
      },
    ]);
  });
});

describe("after the sale: a completed order's cancellation", () => {
  it("refunds, restores the coupon, restocks, then announces the cancellation", () => {
    const done = completed(true);
    let d: Decision = decide(done, { kind: "cancel", refundId: "c1", by: "u", now: at(10) });
    expect(d.state.status).toBe("CANCELLING");
    expect(d.commands).toEqual([
      { type: "payment.refund-part", orderId, refundId: "c1", amountCents: TOTAL },
    ]);
    // Only the awaited step's reply moves it on; a restock reply before its turn changes nothing.
    expect(decide(d.state, reply(restocked("c1"), 11)).state).toBe(d.state);
    d = decide(d.state, reply(partRefunded("c1", TOTAL), 11));
    expect(d.commands).toEqual([{ type: "coupon.restore", orderId }]);
    d = decide(d.state, reply({ type: "coupon.restored", orderId }, 12));
    expect(d.commands).toEqual([
      {
        type: "stock.restock",
        orderId,
        refundId: "c1",
        lines: [
          { productId: APRON, quantity: 2 },
          { productId: MUG, quantity: 1 },
        ],
      },
    ]);
    d = decide(d.state, reply(restocked("c1"), 13));
    expect(d.commands).toHaveLength(1);
    expect(d.commands[0]).toMatchObject({
      type: "order.cancelled",
      refundId: "c1",
      amountCents: TOTAL,
      restocked: true,
    });
    expect(d.state.status).toBe("CANCELLED");
    expect(d.state.reason?.code).toBe("CANCELLED_BY_SHOPPER");
    expect(d.state.deadline).toBeNull();
    expect(returnsOf(d.state)).toMatchObject([{ id: "c1", kind: "cancel", status: "COMPLETED" }]);
    // Late repeats change nothing.
    expect(decide(d.state, reply(restocked("c1"), 14)).state).toBe(d.state);
  });

  it("re-sends the awaited step when its deadline passes, as attempt 2", () => {
    const d = decide(completed(false), { kind: "cancel", refundId: "c1", by: "u", now: at(10) });
    expect(d.state.deadline).toBe(at(10 + TIMEOUT).toISOString());
    // Not yet due: nothing.
    expect(decide(d.state, { kind: "deadline", now: at(10 + TIMEOUT - 1) }).state).toBe(d.state);
    const again = decide(d.state, { kind: "deadline", now: at(10 + TIMEOUT) });
    expect(again.commands).toEqual(d.commands);
    expect(again.state.log.at(-1)).toMatchObject({
      kind: "command",
      type: "payment.refund-part",
      attempt: 2,
      refundId: "c1",
    });
    expect(returnsOf(again.state)[0]?.attempts.payment).toBe(2);
    expect(again.state.deadline).toBe(at(10 + 2 * TIMEOUT).toISOString());
  });

  it("a refused refund ends the return FAILED and frees its units", () => {
    const r1 = must(refund(completed(false), "r1", [{ productId: APRON, quantity: 2 }], true));
    expect(returnedUnits(r1.state).get(APRON)).toBe(2);
    const failed = decide(r1.state, reply(refused("r1"), 11));
    expect(failed.commands).toEqual([]); // no restock, no event
    expect(returnsOf(failed.state)[0]).toMatchObject({ status: "FAILED", step: null });
    expect(failed.state.deadline).toBeNull();
    expect(returnedUnits(failed.state).size).toBe(0);
    // The units can be refunded again.
    expect(refund(failed.state, "r2", [{ productId: APRON, quantity: 2 }]).ok).toBe(true);
    // A cancellation refused by the payment leaves the order completed.
    const c = decide(failed.state, { kind: "cancel", refundId: "c1", by: "u", now: at(12) });
    expect(c.state.status).toBe("CANCELLING");
    const back = decide(c.state, reply(refused("c1"), 13));
    expect(back.state.status).toBe("COMPLETED");
    expect(back.commands).toEqual([]);
  });

  it("a refund priced after a failed one still never gives back more than the line paid", () => {
    // $10.01 off leaves the aprons a net of $17.23: two units give back 861 + 862.
    const done = completed(true, 1_001);
    const apron = [{ productId: APRON, quantity: 1 }];
    const r1 = must(refund(done, "r1", apron)); // the first unit: 861
    const r2 = must(refund(r1.state, "r2", apron)); // the second: 862
    expect(returnsOf(r2.state).map((r) => r.amountCents)).toEqual([861, 862]);
    // r1 is refused: its unit is free again, and r2 already took the larger half.
    const failed = decide(r2.state, reply(refused("r1"), 11)).state;
    const r3 = must(refund(failed, "r3", apron));
    const given = returnsOf(r3.state)
      .filter((r) => r.status !== "FAILED")
      .map((r) => r.amountCents);
    expect(given).toEqual([862, 861]);
  });
});
