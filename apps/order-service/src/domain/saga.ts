import { formatMoney } from "@shop/kernel";

/*
 * The checkout saga's orchestrator, as one pure function: `decide(state, input)` answers the
 * saga's next state and the commands to send. No I/O, no clock: the caller passes the time in
 * every input, persists the state (with its version) and puts the commands in the outbox in the
 * same transaction.
 *
 * The steps, each beside its compensation (STEPS below is this table):
 *
 *   step     | forward command -> replies                 | compensation -> reply
 *   ---------|--------------------------------------------|----------------------------------
 *   stock    | stock.reserve  -> stock.reserved/rejected  | stock.release  -> stock.released
 *   coupon   | coupon.use     -> coupon.used/rejected     | coupon.restore -> coupon.restored
 *   payment  | payment.pay    -> payment.paid/failed      | payment.refund -> payment.refunded
 *
 * Forward: PENDING (stock) -> STOCK_RESERVED (coupon; skipped without a coupon) -> COUPON_APPLIED
 * (payment; skipped when the discount leaves nothing to pay) -> PAID -> COMPLETED, which emits
 * order.completed once.
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

// ---------------------------------------------------------------------------------------------
// Messages, as the domain sees them (the contracts' payloads plus `type`; the messaging adapter
// maps between them, and its test holds the two to the same shapes)
// ---------------------------------------------------------------------------------------------

export interface OrderLineRequest {
  productId: string;
  quantity: number;
  /** For the shopper's sentences only ("Only 3 left of Linen Apron"); never priced from. */
  name?: string;
}

export interface ReservedLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
  name: string;
}

export type SagaReply =
  | { type: "stock.reserved"; orderId: string; lines: ReservedLine[] }
  | {
      type: "stock.rejected";
      orderId: string;
      reason: "OUT_OF_STOCK" | "PRODUCT_UNAVAILABLE" | "ORDER_RELEASED";
      productId?: string;
      available?: number;
    }
  | { type: "stock.released"; orderId: string }
  | { type: "coupon.used"; orderId: string; couponId: string; discountCents: number }
  | {
      type: "coupon.rejected";
      orderId: string;
      couponId: string;
      reason:
        "NOT_FOUND" | "NOT_YOURS" | "ALREADY_USED" | "EXPIRED" | "BELOW_MINIMUM" | "ORDER_RESTORED";
    }
  | { type: "coupon.restored"; orderId: string }
  | { type: "payment.paid"; orderId: string; amountCents: number; balanceAfterCents?: number }
  | {
      type: "payment.failed";
      orderId: string;
      reason: "INSUFFICIENT_BALANCE";
      shortByCents: number;
    }
  | { type: "payment.failed"; orderId: string; reason: "ALREADY_REFUNDED" }
  | { type: "payment.refunded"; orderId: string; amountCents: number };

export interface OrderCompletedPayload {
  orderId: string;
  userId: string;
  lines: { productId: string; quantity: number; unitPriceCents: number }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  couponId: string | null;
  placedAt: string;
  completedAt: string;
}

export type SagaCommand =
  | { type: "stock.reserve"; orderId: string; lines: { productId: string; quantity: number }[] }
  | { type: "stock.release"; orderId: string }
  | {
      type: "coupon.use";
      orderId: string;
      couponId: string;
      userId: string;
      orderAmountCents: number;
    }
  | { type: "coupon.restore"; orderId: string }
  | { type: "payment.pay"; orderId: string; userId: string; amountCents: number }
  | { type: "payment.refund"; orderId: string }
  | ({ type: "order.completed" } & OrderCompletedPayload);

export type SagaInput =
  | { kind: "start"; now: Date }
  | { kind: "reply"; reply: SagaReply; messageId?: string; now: Date }
  | { kind: "deadline"; now: Date }
  /** The orchestrator is back after being away (see the top): the awaited step is asked again. */
  | { kind: "resume"; now: Date };

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export const orderStatuses = [
  "PENDING",
  "STOCK_RESERVED",
  "COUPON_APPLIED",
  "PAID",
  "COMPLETED",
  "COMPENSATING",
  "CANCELLED",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const stepNames = ["stock", "coupon", "payment"] as const;
export type StepName = (typeof stepNames)[number];

export interface StepState {
  /** The forward command was sent (so it may have taken effect, until it answers a failure). */
  sent: boolean;
  /** What its reply said; "pending" while none came (a timed-out step stays pending). */
  outcome: "pending" | "succeeded" | "failed";
  /** none: not sent; sent: waiting for its reply (re-sent on deadlines); acknowledged: done. */
  compensation: "none" | "sent" | "acknowledged";
}

export const cancelReasonCodes = [
  "OUT_OF_STOCK",
  "PRODUCT_UNAVAILABLE",
  "COUPON_NOT_FOUND",
  "COUPON_NOT_YOURS",
  "COUPON_ALREADY_USED",
  "COUPON_EXPIRED",
  "COUPON_BELOW_MINIMUM",
  "INSUFFICIENT_BALANCE",
  "STOCK_TIMEOUT",
  "COUPON_TIMEOUT",
  "PAYMENT_TIMEOUT",
  "STEP_REFUSED",
] as const;
export type CancelReasonCode = (typeof cancelReasonCodes)[number];

export interface CancelReason {
  code: CancelReasonCode;
  /** A sentence for the shopper: "Not enough balance: charge $12.40 more". */
  message: string;
}

export interface SagaLogEntry {
  at: string;
  kind: "command" | "reply" | "status" | "deadline" | "resume";
  /** The message type (command or reply), the new status, or the step (deadline, resume). */
  type: string;
  /** For a command: 1 the first time, 2+ when it is sent again (a compensation, a resume). */
  attempt?: number;
  messageId?: string;
  detail?: string;
}

export interface SagaData {
  userId: string;
  couponId: string | null;
  /** The lines as requested; replaced by the reserved lines (with their prices) once reserved. */
  requestedLines: OrderLineRequest[];
  reservedLines: ReservedLine[] | null;
  subtotalCents: number | null;
  discountCents: number;
  totalCents: number | null;
  placedAt: string;
}

export interface SagaState {
  orderId: string;
  /** Increases with every change: the store updates only the version it read (optimistic). */
  version: number;
  status: OrderStatus;
  /** The step whose command (forward or compensation) is awaited; null when none is. */
  step: StepName | null;
  /** When the awaited step is overdue (ISO); null when nothing is awaited. */
  deadline: string | null;
  stepTimeoutMs: number;
  steps: Record<StepName, StepState>;
  /** How many times each compensation was sent (the first send included). */
  compensationAttempts: Record<StepName, number>;
  data: SagaData;
  reason: CancelReason | null;
  completedAt: string | null;
  log: SagaLogEntry[];
}

export interface Decision {
  state: SagaState;
  commands: SagaCommand[];
}

export interface NewSaga {
  orderId: string;
  userId: string;
  lines: OrderLineRequest[];
  couponId: string | null;
  placedAt: Date;
  stepTimeoutMs?: number;
}

/** A saga that has sent nothing yet: `decide(newSaga(..), { kind: "start", now })` begins it. */
export function newSaga(input: NewSaga): SagaState {
  const step = (): StepState => ({ sent: false, outcome: "pending", compensation: "none" });
  return {
    orderId: input.orderId,
    version: 0,
    status: "PENDING",
    step: null,
    deadline: null,
    stepTimeoutMs: input.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    steps: { stock: step(), coupon: step(), payment: step() },
    compensationAttempts: { stock: 0, coupon: 0, payment: 0 },
    data: {
      userId: input.userId,
      couponId: input.couponId,
      requestedLines: input.lines.map((l) => ({ ...l })),
      reservedLines: null,
      subtotalCents: null,
      discountCents: 0,
      totalCents: null,
      placedAt: input.placedAt.toISOString(),
    },
    reason: null,
    completedAt: null,
    log: [],
  };
}

export const isTerminal = (s: { status: OrderStatus }) =>
  s.status === "COMPLETED" || s.status === "CANCELLED";

// ---------------------------------------------------------------------------------------------
// The table: each step beside its compensation
// ---------------------------------------------------------------------------------------------

interface StepDefinition {
  /** The status the order is in while this step's command is awaited. */
  awaitingStatus: OrderStatus;
  /** False when the order skips the step (no coupon; nothing left to pay). */
  applies: (s: SagaState) => boolean;
  forward: (s: SagaState) => SagaCommand;
  compensate: (s: SagaState) => SagaCommand;
  replies: {
    succeeded: SagaReply["type"];
    failed: SagaReply["type"];
    compensated: SagaReply["type"];
  };
  timeout: CancelReason;
}

const amountToPay = (s: SagaState) => (s.data.subtotalCents ?? 0) - s.data.discountCents;

export const STEPS: Record<StepName, StepDefinition> = {
  stock: {
    awaitingStatus: "PENDING",
    applies: () => true,
    forward: (s) => ({
      type: "stock.reserve",
      orderId: s.orderId,
      lines: s.data.requestedLines.map(({ productId, quantity }) => ({ productId, quantity })),
    }),
    compensate: (s) => ({ type: "stock.release", orderId: s.orderId }),
    replies: {
      succeeded: "stock.reserved",
      failed: "stock.rejected",
      compensated: "stock.released",
    },
    timeout: {
      code: "STOCK_TIMEOUT",
      message: "We could not confirm your items in time. Nothing was charged; please try again.",
    },
  },
  coupon: {
    awaitingStatus: "STOCK_RESERVED",
    applies: (s) => s.data.couponId !== null,
    forward: (s) => ({
      type: "coupon.use",
      orderId: s.orderId,
      couponId: s.data.couponId ?? "",
      userId: s.data.userId,
      orderAmountCents: s.data.subtotalCents ?? 0,
    }),
    compensate: (s) => ({ type: "coupon.restore", orderId: s.orderId }),
    replies: {
      succeeded: "coupon.used",
      failed: "coupon.rejected",
      compensated: "coupon.restored",
    },
    timeout: {
      code: "COUPON_TIMEOUT",
      message:
        "We could not apply your coupon in time. Nothing was charged and your coupon is still yours; please try again.",
    },
  },
  payment: {
    awaitingStatus: "COUPON_APPLIED",
    applies: (s) => amountToPay(s) > 0,
    forward: (s) => ({
      type: "payment.pay",
      orderId: s.orderId,
      userId: s.data.userId,
      amountCents: amountToPay(s),
    }),
    compensate: (s) => ({ type: "payment.refund", orderId: s.orderId }),
    replies: {
      succeeded: "payment.paid",
      failed: "payment.failed",
      compensated: "payment.refunded",
    },
    timeout: {
      code: "PAYMENT_TIMEOUT",
      message:
        "We could not confirm your payment in time. Anything taken is refunded; please try again.",
    },
  },
};

const stepOfReply = (type: SagaReply["type"]): StepName =>
  type.startsWith("stock.") ? "stock" : type.startsWith("coupon.") ? "coupon" : "payment";

// ---------------------------------------------------------------------------------------------
// Shopper sentences
// ---------------------------------------------------------------------------------------------

function failureReason(s: SagaState, reply: SagaReply): CancelReason {
  switch (reply.type) {
    case "stock.rejected": {
      const line = s.data.requestedLines.find((l) => l.productId === reply.productId);
      const name = line?.name ?? "one of your items";
      if (reply.reason === "OUT_OF_STOCK") {
        const available = reply.available ?? 0;
        return {
          code: "OUT_OF_STOCK",
          message: available === 0 ? `${name} is sold out` : `Only ${available} left of ${name}`,
        };
      }
      if (reply.reason === "PRODUCT_UNAVAILABLE")
        return { code: "PRODUCT_UNAVAILABLE", message: `${name} is no longer available` };
      break;
    }
    case "coupon.rejected": {
      const messages = {
        NOT_FOUND: "This coupon does not exist",
        NOT_YOURS: "This coupon belongs to someone else",
        ALREADY_USED: "This coupon was already used on another order",
        EXPIRED: "This coupon has expired",
        BELOW_MINIMUM: "Your order is below this coupon's minimum amount",
      } as const;
      if (reply.reason !== "ORDER_RESTORED")
        return { code: `COUPON_${reply.reason}`, message: messages[reply.reason] };
      break;
    }
    case "payment.failed":
      if (reply.reason === "INSUFFICIENT_BALANCE")
        return {
          code: "INSUFFICIENT_BALANCE",
          message: `Not enough balance: charge ${formatMoney(reply.shortByCents)} more`,
        };
      break;
    default:
      break;
  }
  // A participant refused because a compensation for this order came first: only possible if
  // the saga had given up already, so this is a safety net, not a path.
  return { code: "STEP_REFUSED", message: "Your order could not be completed; please try again." };
}

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

/** A draft being changed by one decision (a deep copy: the input state is never mutated). */
class Draft {
  readonly s: SagaState;
  readonly commands: SagaCommand[] = [];
  constructor(
    from: SagaState,
    readonly now: Date,
  ) {
    this.s = structuredClone(from);
  }
  get at() {
    return this.now.toISOString();
  }
  log(entry: Omit<SagaLogEntry, "at">) {
    this.s.log.push({ at: this.at, ...entry });
  }
  setStatus(status: OrderStatus) {
    if (this.s.status === status) return;
    this.s.status = status;
    this.log({ kind: "status", type: status });
  }
  send(command: SagaCommand, attempt = 1) {
    this.commands.push(command);
    this.log({ kind: "command", type: command.type, ...(attempt > 1 ? { attempt } : {}) });
  }
  await(step: StepName | null) {
    this.s.step = step;
    this.s.deadline =
      step === null ? null : new Date(this.now.getTime() + this.s.stepTimeoutMs).toISOString();
  }
  done(): Decision {
    this.s.version += 1;
    return { state: this.s, commands: this.commands };
  }
}

const unchanged = (state: SagaState): Decision => ({ state, commands: [] });

export function decide(state: SagaState, input: SagaInput): Decision {
  if (isTerminal(state)) return unchanged(state);
  switch (input.kind) {
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

function reply(state: SagaState, r: SagaReply, now: Date, messageId?: string): Decision {
  if (r.orderId !== state.orderId) return unchanged(state);
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

const NEXT: Record<StepName, StepName | null> = {
  stock: "coupon",
  coupon: "payment",
  payment: null,
};
const STATUS_AFTER: Record<StepName, OrderStatus> = {
  stock: "STOCK_RESERVED",
  coupon: "COUPON_APPLIED",
  payment: "PAID",
};

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
