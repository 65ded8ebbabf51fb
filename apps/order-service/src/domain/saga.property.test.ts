/*
 * The orchestrator under generated worlds: each participant succeeds or fails, the network
 * delivers commands and replies in any order and any number of times, deadlines pass, the
 * orchestrator is away for a while (as long as several step timeouts) and restarts from its
 * persisted state. Then every participant answers everything and the checks below must hold. fast-check prints the seed and the shrunk case on failure;
 * re-run one with `fc.assert(..., { seed, path })`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stepNames, type SagaCommand, type SagaReply, type StepName } from "./saga";
import {
  LINES,
  Orchestrator,
  Participants,
  startState,
  SUBTOTAL,
  type Scenario,
} from "../test/saga-world";

const T0 = Date.parse("2026-12-01T12:00:00.000Z");
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
  | { t: "restart"; awayMs: number; drained: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("command" as const),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("reply" as const),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("wait" as const),
      // Mostly a moment; sometimes past a deadline (a participant down, or slow).
      ms: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: TIMEOUT / 4 }) },
        { weight: 1, arbitrary: fc.integer({ min: TIMEOUT, max: 2 * TIMEOUT }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: "deadline" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("restart" as const),
      awayMs: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 0, max: TIMEOUT / 4 }) },
        { weight: 2, arbitrary: fc.integer({ min: TIMEOUT, max: 5 * TIMEOUT }) },
      ),
      drained: fc.boolean(),
    }),
  },
);

interface World extends Scenario {
  /** A participant that is down: it takes no command until `ticks` deadlines have passed. */
  down: { step: StepName; ticks: number } | null;
}

const scenario: fc.Arbitrary<World> = fc.record({
  stockAvailable: fc.constantFrom(0, 1, 5, 5, 5, 5),
  coupon: fc.constantFrom("none", "ok", "ok", "rejected", "full"),
  balanceCents: fc.constantFrom(0, 1_000, 100_000, 100_000),
  stepTimeoutMs: fc.constant(TIMEOUT),
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
    for (const c of cs) if (c.type !== "order.completed") commands.push(c);
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
    else if (a.t === "deadline") publish(saga.feed({ kind: "deadline", now: new Date(now) }));
    else if (a.t === "restart") {
      now += a.awayMs;
      saga.restart();
      if (a.drained) while (replies.length > 0) toSaga(replies.shift() as SagaReply);
      publish(saga.resume(new Date(now)));
    }
  }
  // Then the network delivers everything in order, the deadline job ticks when nothing moves,
  // and the participant that is down comes back after its ticks.
  for (
    let round = 0;
    round < 50 && !(saga.terminal && commands.length === 0 && replies.length === 0);
    round++
  ) {
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
    if (!saga.terminal || downTicks > 0) {
      now += TIMEOUT + 1;
      publish(saga.feed({ kind: "deadline", now: new Date(now) }));
      downTicks = Math.max(0, downTicks - 1);
    }
  }
  return { saga, participants };
}

function classify(world: World, actions: Action[]): string[] {
  const { saga } = run(world, actions);
  const log = saga.state.log;
  const labels = [saga.state.status, saga.state.reason?.code ?? "no reason"];
  if (log.some((e) => e.kind === "deadline")) labels.push("a deadline passed");
  const again = (types: Record<StepName, string>) =>
    log.some(
      (e) => e.kind === "command" && (e.attempt ?? 1) > 1 && Object.values(types).includes(e.type),
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
  return labels;
}

function check(world: World, actions: Action[]) {
  const { saga, participants: p } = run(world, actions);
  const { sent, received, sentAfter } = saga.trace;
  const s = saga.state;
  const count = (type: string) => sent.filter((c) => c.type === type).length;
  const firstSent = (type: string) => sent.findIndex((c) => c.type === type);
  const firstReceived = (type: string) => received.findIndex((r) => r.type === type);

  expect(["COMPLETED", "CANCELLED"]).toContain(s.status);
  expect(s.step).toBeNull();
  expect(s.deadline).toBeNull();

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
    if (s.status === "CANCELLED" && forward >= 0) {
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

  if (s.status === "COMPLETED") {
    expect(count("order.completed")).toBe(1);
    for (const step of stepNames) expect(count(COMPENSATION[step])).toBe(0);
    expect(s.reason).toBeNull();
    const units = LINES.reduce((n, l) => n + l.quantity, 0);
    expect(p.held).toBe(units);
    expect(p.couponInUse).toBe(world.coupon === "ok" || world.coupon === "full");
    expect(p.creditedCents).toBe(0);
    expect(p.debitedCents).toBe(s.data.totalCents);
    expect(s.data.subtotalCents).toBe(SUBTOTAL);
    const event = sent.find((c) => c.type === "order.completed");
    expect(event).toMatchObject({
      totalCents: s.data.totalCents,
      discountCents: s.data.discountCents,
    });
  } else {
    expect(count("order.completed")).toBe(0);
    expect(s.reason).not.toBeNull();
    // Nothing left reserved, used or debited.
    expect(p.held).toBe(0);
    expect(p.couponInUse).toBe(false);
    expect(p.debitedCents).toBe(p.creditedCents);
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
    const runs = fc.sample(fc.tuple(scenario, fc.array(action, { maxLength: 60 })), {
      numRuns: 1_000,
      seed: 42,
    });
    const counts = new Map<string, number>();
    for (const [world, actions] of runs)
      for (const label of classify(world, actions)) counts.set(label, (counts.get(label) ?? 0) + 1);
    for (const label of [
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
    ])
      expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(10);
  });

  it("completes when every participant says yes, whatever the network does", () => {
    const happy = fc.record({
      stockAvailable: fc.constant(5),
      coupon: fc.constantFrom("none" as const, "ok" as const, "full" as const),
      balanceCents: fc.constant(100_000),
      stepTimeoutMs: fc.constant(TIMEOUT),
      down: fc.constant(null),
    });
    // Without deadlines passing (no waits, ticks before a deadline are no-ops).
    const calm = action.filter((a) => a.t !== "wait" && a.t !== "restart");
    fc.assert(
      fc.property(happy, fc.array(calm, { maxLength: 40 }), (world, actions) => {
        const { saga } = run(world, actions);
        expect(saga.state.status).toBe("COMPLETED");
        check(world, actions);
      }),
      { numRuns: 500 },
    );
  });

  it("a restart, however long the orchestrator was away, cancels nothing that would have completed", () => {
    const happy = fc.record({
      stockAvailable: fc.constant(5),
      coupon: fc.constantFrom("none" as const, "ok" as const, "full" as const),
      balanceCents: fc.constant(100_000),
      stepTimeoutMs: fc.constant(TIMEOUT),
      down: fc.constant(null),
    });
    // Every participant is up and says yes; the only time that passes is the orchestrator's
    // absence (restarts away up to five step timeouts), whether or not the replies waiting
    // were handled before the resume.
    const restarts = action.filter((a) => a.t !== "wait");
    fc.assert(
      fc.property(
        happy,
        fc.array(restarts, { maxLength: 40 }).filter((as) => as.some((a) => a.t === "restart")),
        (world, actions) => {
          const { saga } = run(world, actions);
          expect(saga.state.status).toBe("COMPLETED");
          expect(saga.state.log.some((e) => e.kind === "deadline")).toBe(false);
          check(world, actions);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
