import type { SagaInput, SagaReply } from "./saga-messages";
import {
  isTerminal,
  stepNames,
  type CancelReason,
  type Decision,
  type SagaState,
  type StepName,
  type StepState,
} from "./saga-state";
import { failureReason, NEXT, STATUS_AFTER, stepOfReply, STEPS } from "./saga-steps";
import { Draft, unchanged } from "./draft";
import { afterSaleDecision, CANCELLED_BY_SHOPPER, isReturnReply } from "./after-sale";

export * from "./saga-messages";
export * from "./saga-state";
export { STEPS } from "./saga-steps";
export * from "./after-sale";

/*
 * The checkout saga's orchestrator, as one pure function: `decide(state, input)` answers the
 * saga's next state and the commands to send. No I/O, no clock: the caller passes the time in
 * every input, persists the state (with its version) and puts the commands in the outbox in the
 * same transaction.
 *
 * The steps, each beside its compensation, are the table in saga-steps.ts (STEPS); the
 * messages are in saga-messages.ts and the state in saga-state.ts.
 *
 * A failure reply, or a forward step past its deadline, turns the saga COMPENSATING: every step
 * whose command was sent and that did not answer a failure may have taken effect (a timed-out
 * step counts as possibly done; the participants make compensating a step that never happened
 * safe: a refund, restore or release that comes first makes the late command fail), and is
 * compensated, one at a time, in reverse order. A compensation never fails: a deadline tick
 * re-sends the pending one until its reply arrives. When every such compensation is
 * acknowledged, the order is CANCELLED with the reason of the first failure.
 *
 * A deadline measures the participant's silence, not the orchestrator's absence. When the
 * orchestrator starts again after a crash or a deploy (the store may hold sagas whose deadline
 * passed while no orchestrator ran), it first handles the replies waiting for it, then resumes
 * every saga still awaiting a step: the step's command is sent again (participants answer a
 * repeated command as they answered the first) and the step gets a fresh deadline. Only a
 * participant that stays silent for a whole step timeout after that is given up on, as before.
 *
 * Late and repeated replies: a late success of a step whose compensation is pending or still
 * to come is recorded, and the compensation (already planned) undoes it; a late success after
 * the step's compensation was acknowledged changes nothing (the participant processed the
 * compensation after that success, or refused the late command). A reply for a step never sent,
 * a duplicate, or any reply after the end changes nothing: `decide` returns the same state
 * object and no commands.
 */

export function decide(state: SagaState, input: SagaInput): Decision {
  if (state.status === "CANCELLED") return unchanged(state);
  // Completed: the checkout's replies are late or repeated; what follows is after-sale.ts's.
  if (isTerminal(state)) return afterSaleDecision(state, input);
  switch (input.kind) {
    case "cancel":
      return cancel(state, input.now);
    case "start":
      return start(state, input.now);
    case "deadline":
      return deadline(state, input.now);
    case "resume":
      return resume(state, input.now);
    case "reply":
      return reply(state, input.reply, input.now, input.messageId);
  }
}

function start(state: SagaState, now: Date): Decision {
  if (state.steps.stock.sent) return unchanged(state);
  const d = new Draft(state, now);
  d.log({ kind: "status", type: "PENDING" });
  sendForward(d, "stock");
  return d.done();
}

function deadline(state: SagaState, now: Date): Decision {
  if (state.step === null || state.deadline === null) {
    // Nothing awaited and not terminal: only a saga created but never started.
    return state.steps.stock.sent ? unchanged(state) : start(state, now);
  }
  if (now.getTime() < Date.parse(state.deadline)) return unchanged(state);
  const d = new Draft(state, now);
  const step = state.step;
  d.log({ kind: "deadline", type: step });
  if (state.status === "COMPENSATING") {
    // A compensation never fails: send it again, and wait again.
    sendCompensation(d, step);
    return d.done();
  }
  // The forward step is overdue: it may have happened, so it is compensated with the others.
  beginCompensation(d, STEPS[step].timeout);
  return d.done();
}

function resume(state: SagaState, now: Date): Decision {
  if (state.step === null) return state.steps.stock.sent ? unchanged(state) : start(state, now);
  const d = new Draft(state, now);
  const step = state.step;
  d.log({ kind: "resume", type: step });
  if (state.status === "COMPENSATING") sendCompensation(d, step);
  else resendForward(d, step);
  return d.done();
}

/**
 * The shopper cancels while checkout runs: a saga input like a failure reply. What was done is
 * compensated from this decision on, whatever reply arrives after it (a late success is undone
 * by the compensation planned for its step). Already compensating: nothing changes.
 */
function cancel(state: SagaState, now: Date): Decision {
  if (state.status === "COMPENSATING") return unchanged(state);
  const d = new Draft(state, now);
  d.log({ kind: "status", type: "CANCEL_REQUESTED" });
  beginCompensation(d, CANCELLED_BY_SHOPPER);
  return d.done();
}

function reply(state: SagaState, r: SagaReply, now: Date, messageId?: string): Decision {
  if (r.orderId !== state.orderId) return unchanged(state);
  if (isReturnReply(r)) return unchanged(state); // no return runs before checkout completed
  const name = stepOfReply(r.type);
  const step = state.steps[name];
  const def = STEPS[name];
  if (!step.sent) return unchanged(state); // never asked: stale or foreign

  const record = (d: Draft) =>
    d.log({ kind: "reply", type: r.type, ...(messageId ? { messageId } : {}), detail: detail(r) });

  if (r.type === def.replies.compensated) {
    if (step.compensation !== "sent") return unchanged(state); // duplicate, or never asked
    const d = new Draft(state, now);
    record(d);
    d.s.steps[name].compensation = "acknowledged";
    continueCompensation(d);
    return d.done();
  }

  // A forward reply: the first one for the step counts, every later one is a duplicate.
  if (step.outcome !== "pending") return unchanged(state);
  // After its compensation was acknowledged, a forward reply changes nothing (see the top).
  if (step.compensation === "acknowledged") return unchanged(state);
  const succeeded = r.type === def.replies.succeeded;
  const d = new Draft(state, now);
  record(d);
  d.s.steps[name].outcome = succeeded ? "succeeded" : "failed";

  if (state.status === "COMPENSATING") {
    // Late: a success is undone by the compensation already planned for this step (awaited or
    // still to come); a failure leaves nothing to undo (a compensation already sent still gets
    // its reply awaited). Either way the compensation in flight stays the one awaited.
    return d.done();
  }

  if (!succeeded) {
    beginCompensation(d, failureReason(state, r));
    return d.done();
  }
  applySuccess(d, r);
  advance(d, name);
  return d.done();
}

function detail(r: SagaReply): string | undefined {
  switch (r.type) {
    case "stock.rejected":
      return [r.reason, r.productId, r.available].filter((x) => x !== undefined).join(" ");
    case "coupon.rejected":
    case "payment.failed":
      return r.reason;
    case "coupon.used":
      return `discount ${r.discountCents}`;
    case "payment.paid":
    case "payment.refunded":
      return `amount ${r.amountCents}`;
    default:
      return undefined;
  }
}

function applySuccess(d: Draft, r: SagaReply) {
  const data = d.s.data;
  if (r.type === "stock.reserved") {
    data.reservedLines = r.lines.map((l) => ({ ...l }));
    data.subtotalCents = r.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    data.totalCents = data.subtotalCents;
  } else if (r.type === "coupon.used") {
    const subtotal = data.subtotalCents ?? 0;
    data.discountCents = Math.max(0, Math.min(r.discountCents, subtotal));
    data.totalCents = subtotal - data.discountCents;
  }
}

/** After `done` succeeded: the next step that applies, or the end. */
function advance(d: Draft, done: StepName) {
  let next = NEXT[done];
  d.setStatus(STATUS_AFTER[done]);
  while (next !== null && !STEPS[next].applies(d.s)) {
    d.setStatus(STATUS_AFTER[next]);
    next = NEXT[next];
  }
  if (next !== null) {
    sendForward(d, next);
    return;
  }
  complete(d);
}

function sendForward(d: Draft, name: StepName) {
  d.setStatus(STEPS[name].awaitingStatus);
  d.s.steps[name].sent = true;
  d.send(STEPS[name].forward(d.s));
  d.await(name);
}

/** The awaited forward step, asked again (the same command) and awaited afresh. */
function resendForward(d: Draft, name: StepName) {
  const command = STEPS[name].forward(d.s);
  const sent = d.s.log.filter((e) => e.kind === "command" && e.type === command.type).length;
  d.send(command, sent + 1);
  d.await(name);
}

function complete(d: Draft) {
  const data = d.s.data;
  const lines = data.reservedLines ?? [];
  d.s.completedAt = d.at;
  d.await(null);
  d.setStatus("COMPLETED");
  d.send({
    type: "order.completed",
    orderId: d.s.orderId,
    userId: data.userId,
    lines: lines.map(({ productId, quantity, unitPriceCents }) => ({
      productId,
      quantity,
      unitPriceCents,
    })),
    subtotalCents: data.subtotalCents ?? 0,
    discountCents: data.discountCents,
    totalCents: data.totalCents ?? 0,
    couponId: data.couponId,
    placedAt: data.placedAt,
    completedAt: d.at,
  });
}

/** Sent, not answered a failure, not compensated yet: it may have taken effect. */
const needsCompensation = (step: StepState) =>
  step.sent && step.outcome !== "failed" && step.compensation === "none";

function beginCompensation(d: Draft, reason: CancelReason) {
  d.s.reason = reason;
  d.setStatus("COMPENSATING");
  d.await(null);
  continueCompensation(d);
}

/** Sends the next compensation in reverse order, or ends CANCELLED when none is left. */
function continueCompensation(d: Draft) {
  const awaited = stepNames.find((n) => d.s.steps[n].compensation === "sent");
  if (awaited !== undefined) {
    d.s.step = awaited; // one at a time: wait for it (its deadline stands)
    return;
  }
  const next = [...stepNames].reverse().find((n) => needsCompensation(d.s.steps[n]));
  if (next !== undefined) {
    sendCompensation(d, next);
    return;
  }
  d.await(null);
  d.setStatus("CANCELLED");
}

function sendCompensation(d: Draft, name: StepName) {
  d.s.steps[name].compensation = "sent";
  d.s.compensationAttempts[name] += 1;
  d.send(STEPS[name].compensate(d.s), d.s.compensationAttempts[name]);
  d.await(name);
}
