import { fulfilmentOf } from "./after-sale";
import { checkoutSucceeded, isTerminal, STEPS, type SagaState, type StepName } from "./saga";

/*
 * The saga as a shopper's timeline: the three forward steps in order, then the compensations
 * that were sent, in the order they run (reverse). Derived from the saga's state and log only.
 */

export type TimelineStepName =
  | "reserve-stock"
  | "use-coupon"
  | "pay"
  | "release-stock"
  | "restore-coupon"
  | "refund"
  | "ship"
  | "deliver";

export interface TimelineStep {
  step: TimelineStepName;
  status: "waiting" | "done" | "failed" | "skipped";
  at: string | null;
}

const NAMES: Record<StepName, { forward: TimelineStepName; compensation: TimelineStepName }> = {
  stock: { forward: "reserve-stock", compensation: "release-stock" },
  coupon: { forward: "use-coupon", compensation: "restore-coupon" },
  payment: { forward: "pay", compensation: "refund" },
};

const ORDER: StepName[] = ["stock", "coupon", "payment"];

/** When the log last recorded `kind` of `type` (a message type, or a step for deadlines). */
function lastAt(s: SagaState, kind: string, type: string): string | null {
  for (let i = s.log.length - 1; i >= 0; i -= 1) {
    const e = s.log[i];
    if (e?.kind === kind && e.type === type) return e.at;
  }
  return null;
}

function forward(s: SagaState, name: StepName): TimelineStep {
  const step = s.steps[name];
  const def = STEPS[name];
  const label = NAMES[name].forward;
  if (!step.sent) {
    const over = isTerminal(s) || s.status === "COMPENSATING";
    // Whether there is anything to pay is known only once stock is reserved (at its prices).
    const known = name === "coupon" || s.data.reservedLines !== null;
    const skipped = over || (known && !def.applies(s));
    return { step: label, status: skipped ? "skipped" : "waiting", at: null };
  }
  if (step.outcome === "succeeded")
    return { step: label, status: "done", at: lastAt(s, "reply", def.replies.succeeded) };
  if (step.outcome === "failed")
    return { step: label, status: "failed", at: lastAt(s, "reply", def.replies.failed) };
  const timedOut = lastAt(s, "deadline", name);
  if (timedOut !== null || s.status === "COMPENSATING" || isTerminal(s))
    return { step: label, status: "failed", at: timedOut };
  return { step: label, status: "waiting", at: lastAt(s, "command", def.forward(s).type) };
}

function compensation(s: SagaState, name: StepName): TimelineStep | null {
  const step = s.steps[name];
  const def = STEPS[name];
  const label = NAMES[name].compensation;
  if (step.compensation === "none") return null;
  if (step.compensation === "acknowledged")
    return { step: label, status: "done", at: lastAt(s, "reply", def.replies.compensated) };
  return { step: label, status: "waiting", at: lastAt(s, "command", def.compensate(s).type) };
}

/**
 * After checkout: shipping and delivery, waiting until they happen; skipped once the order is
 * being cancelled (its refunds are listed beside the timeline, not in it).
 */
function fulfilment(s: SagaState): TimelineStep[] {
  if (!checkoutSucceeded(s) && s.status !== "CANCELLED") return [];
  const f = fulfilmentOf(s);
  const cancelled = s.status === "CANCELLING" || s.status === "CANCELLED";
  const step = (name: "ship" | "deliver", at: string | null): TimelineStep => ({
    step: name,
    status: at !== null ? "done" : cancelled ? "skipped" : "waiting",
    at,
  });
  // An order cancelled before it completed never reaches shipping: no steps for it.
  if (s.status === "CANCELLED" && s.completedAt === null) return [];
  return [step("ship", f.shippedAt), step("deliver", f.deliveredAt)];
}

export function timelineOf(s: SagaState): TimelineStep[] {
  const compensations = [...ORDER]
    .reverse()
    .map((n) => compensation(s, n))
    .filter((c): c is TimelineStep => c !== null);
  return [...ORDER.map((n) => forward(s, n)), ...compensations, ...fulfilment(s)];
}
