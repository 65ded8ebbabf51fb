/*
 * The orchestrator under generated worlds: each participant succeeds or fails, the network
 * delivers commands and replies in any order and any number of times, deadlines pass, the
 * orchestrator is away for a while (as long as several step timeouts) and restarts from its
 * persisted state. Meanwhile the shopper cancels (at any moment, perhaps twice), an admin refunds
 * some units or the whole order (restocking or not; a refusal must change nothing), and the
 * order ships and is delivered. Then every participant answers everything and the checks below
 * must hold. fast-check prints the seed and the shrunk case on failure; re-run one with
 * `fc.assert(..., { seed, path })`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cancelRefusal,
  checkoutSucceeded,
  deliver,
  requestRefund,
  returnsOf,
  ship,
  stepNames,
  type SagaCommand,
  type SagaReply,
  type SagaState,
  type StepName,
} from "./saga";
import { lineNets } from "./refund-amounts";
import {
  APRON,
  LINES,
  MUG,
  Orchestrator,
  Participants,
  startState,
  SUBTOTAL,
  T0,
  type Scenario,
} from "../test/saga-world";

const TIMEOUT = 10_000;

type Action =
  | { t: "command"; pick: number; duplicate: boolean }
  | { t: "reply"; pick: number; duplicate: boolean }
  | { t: "wait"; ms: number }
  | { t: "deadline" }
  /**
   * The orchestrator dies and is away `awayMs` (participants go on answering what they took),
   * then starts: it handles the replies waiting for it when `drained` (its start waits for the
   * replies queue to empty, up to a bound), and resumes.
   */
  | { t: "restart"; awayMs: number; drained: boolean }
  /** The shopper cancels (a fresh refund id each time, as the use case makes one per request). */
  | { t: "cancel"; twice: boolean }
  /**
   * An admin refunds these units (null: everything not refunded yet), restocking or not. The
   * quantities may pass what is left, and a product may not be on the order: then it is refused.
   */
  | { t: "refund"; lines: { productId: string; quantity: number }[] | null; restock: boolean }
  | { t: "ship" }
  | { t: "deliver" }
  /** The network catches up: everything in flight is delivered (so checkout often completes). */
  | { t: "flush" };

/** A product that is not on the order. */
const OTHER = "33333333-3333-4333-8333-333333333333";

const refundLines = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc
      .uniqueArray(fc.constantFrom(APRON, APRON, APRON, MUG, MUG, OTHER), {
        minLength: 1,
        maxLength: 3,
      })
      .chain((ids) =>
        fc.tuple(
          ...ids.map((productId) =>
            fc.record({
              productId: fc.constant(productId),
              quantity: fc.oneof(
                { weight: 4, arbitrary: fc.constant(1) },
                { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) },
              ),
            }),
          ),
        ),
      ),
  },
);

// Weights out of 113: the checkout's own moves (their former weights x 7) dominate, so orders
// complete and fail as before; about a third of the runs see a cancel, most see a refund.
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5 * 7,
    arbitrary: fc.record({
      t: fc.constant("command" as const),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
  {
    weight: 5 * 7,
    arbitrary: fc.record({
      t: fc.constant("reply" as const),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
  {
    weight: 2 * 7,
    arbitrary: fc.record({
      t: fc.constant("wait" as const),
      // Mostly a moment; sometimes past a deadline (a participant down, or slow).
      ms: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: TIMEOUT / 4 }) },
        { weight: 1, arbitrary: fc.integer({ min: TIMEOUT, max: 2 * TIMEOUT }) },
      ),
    }),
  },
  { weight: 7, arbitrary: fc.constant({ t: "deadline" as const }) },
  {
    weight: 7,
    arbitrary: fc.record({
      t: fc.constant("restart" as const),
      awayMs: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 0, max: TIMEOUT / 4 }) },
        { weight: 2, arbitrary: fc.integer({ min: TIMEOUT, max: 5 * TIMEOUT }) },
      ),
      drained: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("cancel" as const), twice: fc.boolean() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("refund" as const),
      lines: refundLines,
      restock: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: "ship" as const }) },
  { weight: 1, arbitrary: fc.constant({ t: "deliver" as const }) },
  { weight: 4, arbitrary: fc.constant({ t: "flush" as const }) },
);

/** After the sale: the same moves, the shopper's and the admin's far more often. */
const busyAction: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: action.filter((a) => a.t === "command" || a.t === "reply") },
  { weight: 1, arbitrary: action.filter((a) => a.t === "cancel") },
  { weight: 3, arbitrary: action.filter((a) => a.t === "refund") },
  { weight: 1, arbitrary: action.filter((a) => a.t === "ship" || a.t === "deliver") },
  {
    weight: 1,
    arbitrary: action.filter((a) => a.t === "wait" || a.t === "deadline" || a.t === "restart"),
  },
);

interface World extends Scenario {
  /** A participant that is down: it takes no command until `ticks` deadlines have passed. */
  down: { step: StepName; ticks: number } | null;
}

const scenario: fc.Arbitrary<World> = fc.record({
  stockAvailable: fc.constantFrom(0, 1, 5, 5, 5, 5),
  coupon: fc.constantFrom("none", "ok", "ok", "rejected", "full", "odd"),
  balanceCents: fc.constantFrom(0, 1_000, 100_000, 100_000),
  stepTimeoutMs: fc.constant(TIMEOUT),
  refuseFirstPartRefund: fc.constantFrom(false, false, false, true),
  down: fc.option(
    fc.record({ step: fc.constantFrom(...stepNames), ticks: fc.integer({ min: 1, max: 3 }) }),
    { freq: 2 },
  ),
});

const stepOf = (c: SagaCommand): StepName | null =>
  c.type.startsWith("stock.")
    ? "stock"
    : c.type.startsWith("coupon.")
      ? "coupon"
      : c.type.startsWith("payment.")
        ? "payment"
        : null;

/** Events: nobody answers them; the checks count them in the trace. */
const EVENTS = new Set<SagaCommand["type"]>([
  "order.completed",
  "order.cancelled",
  "order.refunded",
]);

const FORWARD: Record<StepName, SagaCommand["type"]> = {
  stock: "stock.reserve",
  coupon: "coupon.use",
  payment: "payment.pay",
};
const COMPENSATION: Record<StepName, SagaCommand["type"]> = {
  stock: "stock.release",
  coupon: "coupon.restore",
  payment: "payment.refund",
};
const SUCCESS: Record<StepName, SagaReply["type"]> = {
  stock: "stock.reserved",
  coupon: "coupon.used",
  payment: "payment.paid",
};
const FAILURE: Record<StepName, SagaReply["type"]> = {
  stock: "stock.rejected",
  coupon: "coupon.rejected",
  payment: "payment.failed",
};
const ACK: Record<StepName, SagaReply["type"]> = {
  stock: "stock.released",
  coupon: "coupon.restored",
  payment: "payment.refunded",
};

function run(world: World, actions: Action[]) {
  let now = T0;
  const saga = new Orchestrator(startState(world, new Date(now)));
  const participants = new Participants(world);
  const commands: SagaCommand[] = []; // in the outbox / broker, to the participants
  const replies: SagaReply[] = []; // on their way back
  const publish = (cs: SagaCommand[]) => {
    for (const c of cs) if (!EVENTS.has(c.type)) commands.push(c);
  };
  let refunds = 0;
  const refusals: string[] = [];
  /** A request refused: it must have changed nothing (the caller keeps the state it read). */
  const refused = (before: SagaState, code: string, allowed: string[]) => {
    expect(allowed, `refused with ${code} in ${before.status}`).toContain(code);
    expect(saga.state).toBe(before);
  };
  let downTicks = world.down?.ticks ?? 0;
  const isUp = (c: SagaCommand) => downTicks === 0 || stepOf(c) !== world.down?.step;
  const take = <T>(bag: T[], pick: number, duplicate: boolean): T => {
    const i = pick % bag.length;
    const m = bag[i] as T;
    if (!duplicate) bag.splice(i, 1);
    return m;
  };
  const deliverable = () => commands.filter(isUp);
  const toParticipant = (c: SagaCommand) => {
    const r = participants.handle(c);
    if (r) replies.push(r);
  };
  const toSaga = (r: SagaReply) =>
    publish(saga.feed({ kind: "reply", reply: r, now: new Date(now) }));

  /** The network delivers everything in flight, in order, until nothing moves. */
  const flush = () => {
    for (let moves = 0; ; moves++) {
      if (moves > 1_000) throw new Error("the saga does not settle (messages keep coming)");
      const c = deliverable()[0];
      if (c === undefined && replies.length === 0) break;
      now += 1;
      if (c !== undefined) {
        commands.splice(commands.indexOf(c), 1);
        toParticipant(c);
      }
      if (replies.length > 0) toSaga(replies.shift() as SagaReply);
    }
  };

  publish(saga.feed({ kind: "start", now: new Date(now) }));
  for (const a of actions) {
    now += 1;
    const up = deliverable();
    if (a.t === "command" && up.length > 0) {
      const c = take(up, a.pick, a.duplicate);
      if (!a.duplicate) commands.splice(commands.indexOf(c), 1);
      toParticipant(c);
    } else if (a.t === "reply" && replies.length > 0) toSaga(take(replies, a.pick, a.duplicate));
    else if (a.t === "wait") now += a.ms;
    else if (a.t === "flush") flush();
    else if (a.t === "deadline") publish(saga.feed({ kind: "deadline", now: new Date(now) }));
    else if (a.t === "restart") {
      now += a.awayMs;
      saga.restart();
      if (a.drained) while (replies.length > 0) toSaga(replies.shift() as SagaReply);
      publish(saga.resume(new Date(now)));
    } else if (a.t === "cancel") {
      for (let i = 0; i < (a.twice ? 2 : 1); i++) {
        // As the use case: the refusal first, then the saga input.
        const before = saga.state;
        const refusal = cancelRefusal(before);
        const cancel = { kind: "cancel" as const, refundId: `cancel-${i}-${now}`, by: "shopper" };
        const cs = saga.feed({ ...cancel, now: new Date(now) });
        if (refusal !== null) {
          refused(before, refusal.code, [
            "ORDER_NOT_CANCELLABLE",
            "ALREADY_REFUNDED",
            "ORDER_STATE_CONFLICT",
          ]);
          refusals.push(`cancel ${refusal.code}`);
          expect(cs).toEqual([]);
        }
        publish(cs);
      }
    } else if (a.t === "refund") {
      const before = saga.state;
      const refund = requestRefund(before, {
        refundId: `refund-${(refunds += 1)}`,
        lines: a.lines,
        restock: a.restock,
        reason: "Damaged in transit",
        by: "admin",
        now: new Date(now),
      });
      if (refund.ok) publish(saga.apply(refund.value));
      else {
        const allowed = ["COMPLETED", "SHIPPED", "DELIVERED"].includes(before.status)
          ? ["VALIDATION_FAILED", "ALREADY_REFUNDED"]
          : ["ORDER_STATE_CONFLICT"];
        refused(before, refund.error.code, allowed);
        refusals.push(`refund ${refund.error.code}`);
      }
    } else if (a.t === "ship" || a.t === "deliver") {
      const before = saga.state;
      const moved =
        a.t === "ship"
          ? ship(before, { carrier: "DHL", tracking: "JJD0001", now: new Date(now) })
          : deliver(before, { now: new Date(now) });
      if (moved.ok) publish(saga.apply(moved.value));
      else refused(before, moved.error.code, ["ORDER_STATE_CONFLICT"]);
    }
  }
  // Then the network delivers everything in order, the deadline job ticks when nothing moves,
  // and the participant that is down comes back after its ticks.
  for (
    let round = 0;
    round < 50 && !(saga.settled && commands.length === 0 && replies.length === 0);
    round++
  ) {
    flush();
    if (!saga.settled || downTicks > 0) {
      now += TIMEOUT + 1;
      publish(saga.feed({ kind: "deadline", now: new Date(now) }));
      downTicks = Math.max(0, downTicks - 1);
    }
  }
  return { saga, participants, refusals };
}

function classify(world: World, actions: Action[]): string[] {
  const { saga, refusals } = run(world, actions);
  const log = saga.state.log;
  const labels = [saga.state.status, saga.state.reason?.code ?? "no reason"];
  if (log.some((e) => e.kind === "deadline")) labels.push("a deadline passed");
  const again = (types: Record<StepName, string>) =>
    log.some(
      (e) =>
        e.kind === "command" &&
        e.refundId === undefined &&
        (e.attempt ?? 1) > 1 &&
        Object.values(types).includes(e.type),
    );
  if (again(COMPENSATION)) labels.push("a compensation re-sent");
  if (again(FORWARD)) labels.push("a step asked again on resume");
  if (actions.some((a) => a.t === "restart" && a.awayMs > TIMEOUT))
    labels.push("away longer than a step");
  const compensating = log.findIndex((e) => e.type === "COMPENSATING");
  if (
    compensating >= 0 &&
    log.slice(compensating).some((e) => e.kind === "reply" && /reserved|used|paid/.test(e.type))
  )
    labels.push("a late success after compensation began");
  // After the sale.
  const returns = returnsOf(saga.state);
  const completedAt = log.findIndex((e) => e.type === "COMPLETED");
  if (saga.state.reason?.code === "CANCELLED_BY_SHOPPER")
    labels.push(completedAt >= 0 ? "cancelled after completion" : "cancelled during checkout");
  // The shopper's cancel came while the payment's reply was awaited (either may win).
  const payAt = log.findIndex((e) => e.kind === "command" && e.type === "payment.pay");
  const checkoutCancelAt = log.findIndex(
    (e) => e.type === "CANCEL_REQUESTED" && e.refundId === undefined,
  );
  if (payAt >= 0 && checkoutCancelAt > payAt) labels.push("a cancel raced the payment");
  if (returns.some((r) => r.kind === "refund" && r.status === "COMPLETED"))
    labels.push("a refund completed");
  if (returns.some((r) => r.kind === "refund" && r.restock && r.status === "COMPLETED"))
    labels.push("a refund restocked");
  if (returns.filter((r) => r.status === "COMPLETED").length >= 2) labels.push("two returns");
  if (returns.some((r) => r.status === "FAILED")) labels.push("a return failed");
  if (returns.some((r) => Object.values(r.attempts).some((n) => n > 1)))
    labels.push("a return step re-sent");
  if (log.some((e) => e.type === "SHIPPED")) labels.push("shipped");
  if (log.some((e) => e.type === "DELIVERED")) labels.push("delivered");
  if (refusals.includes("cancel ORDER_STATE_CONFLICT")) labels.push("a cancel while a refund ran");
  if (refusals.some((r) => r.startsWith("refund "))) labels.push("a refund refused");
  return labels;
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** Each label of classify() is on at least 10 of 1,000 runs the generator makes (seed 42). */
function expectEveryLabel(runs: fc.Arbitrary<[World, Action[]]>, labels: string[]) {
  const counts = new Map<string, number>();
  for (const [world, actions] of fc.sample(runs, { numRuns: 1_000, seed: 42 }))
    for (const label of classify(world, actions)) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const label of labels) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(10);
}

function check(world: World, actions: Action[]) {
  const { saga, participants: p } = run(world, actions);
  const trace = saga.trace;
  const s = saga.state;
  // The checkout's part of the trace ends with order.completed: after it, a cancellation's
  // coupon.restore is a step of its return, not a compensation.
  const completedAt = trace.sent.findIndex((c) => c.type === "order.completed");
  const sent = completedAt >= 0 ? trace.sent.slice(0, completedAt + 1) : trace.sent;
  const received =
    completedAt >= 0 ? trace.received.slice(0, trace.sentAfter[completedAt]) : trace.received;
  const sentAfter = trace.sentAfter;
  const count = (type: string) => trace.sent.filter((c) => c.type === type).length;
  const firstSent = (type: string) => sent.findIndex((c) => c.type === type);
  const firstReceived = (type: string) => received.findIndex((r) => r.type === type);

  expect(["COMPLETED", "SHIPPED", "DELIVERED", "CANCELLED"]).toContain(s.status);
  expect(s.step).toBeNull();
  expect(s.deadline, "a deadline with nothing awaited").toBeNull();

  const firstCompensation = sent.findIndex((c) =>
    Object.values(COMPENSATION).includes(c.type as SagaCommand["type"]),
  );
  for (const step of stepNames) {
    const forward = firstSent(FORWARD[step]);
    const comps = sent.flatMap((c, i) => (c.type === COMPENSATION[step] ? [i] : []));
    // A forward command is asked again (a resume) only while its step awaits its first reply,
    // and never once compensating began.
    const answeredAt = received.findIndex(
      (r) => r.type === SUCCESS[step] || r.type === FAILURE[step],
    );
    sent.forEach((c, i) => {
      if (c.type !== FORWARD[step] || i === forward) return;
      if (answeredAt >= 0)
        expect(sentAfter[i] as number, `${step} asked again after its reply`).toBeLessThanOrEqual(
          answeredAt,
        );
      if (firstCompensation >= 0)
        expect(i, `${step} asked again while compensating`).toBeLessThan(firstCompensation);
    });
    if (comps.length > 0) {
      // Nothing compensated that was never asked for, and only while it may have happened.
      expect(forward, `${step} compensated but never sent`).toBeGreaterThanOrEqual(0);
      expect(forward).toBeLessThan(comps[0] as number);
      const failedAt = firstReceived(FAILURE[step]);
      if (failedAt >= 0)
        expect(failedAt, `${step} compensated after it failed`).toBeGreaterThanOrEqual(
          sentAfter[comps[0] as number] as number,
        );
      // Never the same compensation again once its reply came.
      const ackAt = firstReceived(ACK[step]);
      for (const i of comps)
        if (ackAt >= 0)
          expect(sentAfter[i] as number, `${step} re-sent after ack`).toBeLessThanOrEqual(ackAt);
    }
    if (s.status === "CANCELLED" && completedAt < 0 && forward >= 0) {
      // Every step that may have happened is compensated and acknowledged...
      const failed = firstReceived(FAILURE[step]) >= 0;
      if (!failed || comps.length > 0) {
        expect(comps.length, `${step} not compensated`).toBeGreaterThan(0);
        expect(
          firstReceived(ACK[step]),
          `${step} compensation not acknowledged`,
        ).toBeGreaterThanOrEqual(0);
      }
      // ...and a step that succeeded is always among them.
      if (firstReceived(SUCCESS[step]) >= 0) expect(comps.length).toBeGreaterThan(0);
    }
  }

  // After the sale: every return ended, its event sent once if it completed, none if it failed.
  const returns = returnsOf(s);
  for (const r of returns) {
    expect(r.status, `return ${r.id} left pending`).not.toBe("PENDING");
    expect(r.step).toBeNull();
    expect(r.deadline).toBeNull();
    const events = trace.sent.filter(
      (c) => (c.type === "order.cancelled" || c.type === "order.refunded") && c.refundId === r.id,
    );
    expect(events.length, `${r.kind} ${r.id} (${r.status}) events`).toBe(
      r.status === "COMPLETED" ? 1 : 0,
    );
    if (r.status === "COMPLETED")
      expect(events[0]).toMatchObject({
        type: r.kind === "cancel" ? "order.cancelled" : "order.refunded",
        amountCents: r.amountCents,
        restocked: r.restock,
      });
  }
  const completed = returns.filter((r) => r.status === "COMPLETED");
  expect(count("order.cancelled") + count("order.refunded")).toBe(completed.length);

  // Money: never more back than was paid (nothing refunded twice), and what the returns say they
  // gave back is what the payment credited.
  expect(p.creditedCents, "refunded more than was debited").toBeLessThanOrEqual(p.debitedCents);
  expect(p.partCreditedCents).toBeLessThanOrEqual(p.paidCents);
  const refundedCents = sum(completed.map((r) => r.amountCents));
  expect(refundedCents, "completed returns vs the refunds credited").toBe(p.partCreditedCents);
  // Per line: the completed returns' units and cents never pass what the line sold and paid, and
  // all its units give back exactly what it paid (the cumulative rounding).
  const sold = s.data.reservedLines ?? [];
  const nets = lineNets(sold, s.data.discountCents);
  sold.forEach((line, i) => {
    const parts = completed.flatMap((r) => r.lines.filter((l) => l.productId === line.productId));
    const units = sum(parts.map((l) => l.quantity));
    const cents = sum(parts.map((l) => l.amountCents));
    expect(units, `${line.name} units returned`).toBeLessThanOrEqual(line.quantity);
    expect(cents, `${line.name} cents returned`).toBeLessThanOrEqual(nets[i] as number);
    if (units === line.quantity) expect(cents, `${line.name} fully returned`).toBe(nets[i]);
  });

  // Units: restocked exactly what the completed restocking returns named, never past the units
  // bought of each product.
  const restocked = new Map<string, number>();
  for (const r of completed)
    if (r.restock)
      for (const l of r.lines)
        restocked.set(l.productId, (restocked.get(l.productId) ?? 0) + l.quantity);
  expect(Object.fromEntries(p.restockedBy)).toEqual(Object.fromEntries(restocked));
  for (const [productId, n] of p.restockedBy)
    expect(n, `${productId} restocked past bought`).toBeLessThanOrEqual(
      p.boughtBy.get(productId) ?? 0,
    );
  const unitsBought = LINES.reduce((n, l) => n + l.quantity, 0);
  const unitsRestocked = sum([...restocked.values()]);
  const cancels = completed.filter((r) => r.kind === "cancel");
  expect(cancels.length).toBeLessThanOrEqual(1);

  if (checkoutSucceeded(s)) {
    // Completed (perhaps shipped or delivered since): paid once, less what was refunded.
    expect(count("order.completed")).toBe(1);
    for (const step of stepNames) expect(count(COMPENSATION[step])).toBe(0);
    expect(cancels).toEqual([]);
    expect(s.reason).toBeNull();
    expect(p.held).toBe(unitsBought - unitsRestocked);
    expect(p.couponInUse).toBe(world.coupon !== "none" && world.coupon !== "rejected");
    expect(p.debitedCents).toBe(s.data.totalCents);
    expect(p.creditedCents).toBe(refundedCents);
    expect(s.data.subtotalCents).toBe(SUBTOTAL);
    const event = sent.find((c) => c.type === "order.completed");
    expect(event).toMatchObject({
      totalCents: s.data.totalCents,
      discountCents: s.data.discountCents,
    });
  } else {
    // Cancelled: all the money back, the coupon free. Never charged without an order.
    expect(s.reason).not.toBeNull();
    expect(p.couponInUse).toBe(false);
    expect(p.debitedCents, "charged for a cancelled order").toBe(p.creditedCents);
    if (completedAt >= 0) {
      // By its cancellation saga, once checkout completed: no checkout compensation, every unit
      // back in stock but those an admin refunded without restocking.
      expect(cancels.length).toBe(1);
      expect(s.reason?.code).toBe("CANCELLED_BY_SHOPPER");
      expect(count("stock.release") + count("payment.refund")).toBe(0);
      expect(p.debitedCents).toBe(s.data.totalCents);
      const kept = sum(
        completed
          .filter((r) => r.kind === "refund" && !r.restock)
          .flatMap((r) => r.lines.map((l) => l.quantity)),
      );
      expect(p.held, "units not back after a cancellation").toBe(kept);
      expect(sold.every((l) => (restocked.get(l.productId) ?? 0) <= l.quantity)).toBe(true);
    } else {
      // By the checkout's compensations: nothing left reserved, used or debited.
      expect(count("order.completed")).toBe(0);
      expect(returns).toEqual([]);
      expect(p.held).toBe(0);
    }
  }
}

// Thousands of runs are seconds of CPU alone, and many more on a loaded machine: the limit only
// stops a run that hangs.
describe("the checkout saga under generated interleavings", { timeout: 120_000 }, () => {
  it("always ends terminal, compensating exactly what may have happened", () => {
    fc.assert(
      fc.property(scenario, fc.array(action, { maxLength: 60 }), (world, actions) => {
        check(world, actions);
      }),
      { numRuns: 5_000 },
    );
  });

  it("reaches every path: the generator is not too kind", () => {
    expectEveryLabel(fc.tuple(scenario, fc.array(action, { maxLength: 60 })), [
      "COMPLETED",
      "CANCELLED",
      "OUT_OF_STOCK",
      "COUPON_EXPIRED",
      "INSUFFICIENT_BALANCE",
      "STOCK_TIMEOUT",
      "COUPON_TIMEOUT",
      "PAYMENT_TIMEOUT",
      "a deadline passed",
      "a compensation re-sent",
      "a step asked again on resume",
      "away longer than a step",
      "a late success after compensation began",
      "cancelled during checkout",
    ]);
  });

  // The checkout completes unless the shopper cancels it first (or a participant is down past the
  // flush): the runs are about what follows. The actions: some of the checkout's (a cancel among
  // them races it), perhaps the network catching up, then mostly the shopper's and the admin's,
  // still interleaved with deliveries, duplicates, deadlines and restarts.
  const afterSaleActions = fc
    .tuple(
      fc.array(action, { maxLength: 20 }),
      fc.boolean(),
      fc.array(busyAction, { maxLength: 40 }),
    )
    .map(([checkout, caughtUp, after]) => [
      ...checkout,
      ...(caughtUp ? [{ t: "flush" as const }] : []),
      ...after,
    ]);
  const afterSale: fc.Arbitrary<World> = fc.record({
    stockAvailable: fc.constant(5),
    coupon: fc.constantFrom("none" as const, "ok" as const, "full" as const, "odd" as const),
    balanceCents: fc.constant(100_000),
    stepTimeoutMs: fc.constant(TIMEOUT),
    refuseFirstPartRefund: fc.constantFrom(false, false, false, true),
    down: fc.option(
      fc.record({ step: fc.constantFrom(...stepNames), ticks: fc.integer({ min: 1, max: 3 }) }),
      { freq: 2 },
    ),
  });

  it("after the sale: cancels, refunds, shipping and delivery keep the money and units whole", () => {
    fc.assert(
      fc.property(afterSale, afterSaleActions, (world, actions) => {
        check(world, actions);
      }),
      { numRuns: 3_000 },
    );
  });

  it("after the sale reaches every path", () => {
    expectEveryLabel(fc.tuple(afterSale, afterSaleActions), [
      "cancelled during checkout",
      "a cancel raced the payment",
      "cancelled after completion",
      "a refund completed",
      "a refund restocked",
      "two returns",
      "a return failed",
      "a return step re-sent",
      "shipped",
      "delivered",
      "a cancel while a refund ran",
      "a refund refused",
    ]);
  });

  it("completes when every participant says yes, whatever the network does", () => {
    const happy = fc.record({
      stockAvailable: fc.constant(5),
      coupon: fc.constantFrom("none" as const, "ok" as const, "full" as const, "odd" as const),
      balanceCents: fc.constant(100_000),
      stepTimeoutMs: fc.constant(TIMEOUT),
      down: fc.constant(null),
    });
    // Without deadlines passing (no waits, ticks before a deadline are no-ops).
    // No cancel: refunds, shipping and delivery may come, once it completed.
    const calm = action.filter((a) => a.t !== "wait" && a.t !== "restart" && a.t !== "cancel");
    fc.assert(
      fc.property(happy, fc.array(calm, { maxLength: 40 }), (world, actions) => {
        const { saga } = run(world, actions);
        expect(checkoutSucceeded(saga.state), saga.state.status).toBe(true);
        check(world, actions);
      }),
      { numRuns: 500 },
    );
  });

  it("a restart, however long the orchestrator was away, cancels nothing that would have completed", () => {
    const happy = fc.record({
      stockAvailable: fc.constant(5),
      coupon: fc.constantFrom("none" as const, "ok" as const, "full" as const, "odd" as const),
      balanceCents: fc.constant(100_000),
      stepTimeoutMs: fc.constant(TIMEOUT),
      down: fc.constant(null),
    });
    // Every participant is up and says yes; the only time that passes is the orchestrator's
    // absence (restarts away up to five step timeouts), whether or not the replies waiting
    // were handled before the resume.
    const restarts = action.filter((a) => a.t !== "wait" && a.t !== "cancel");
    fc.assert(
      fc.property(
        happy,
        fc.array(restarts, { maxLength: 40 }).filter((as) => as.some((a) => a.t === "restart")),
        (world, actions) => {
          const { saga } = run(world, actions);
          expect(checkoutSucceeded(saga.state), saga.state.status).toBe(true);
          expect(saga.state.log.some((e) => e.kind === "deadline")).toBe(false);
          check(world, actions);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
