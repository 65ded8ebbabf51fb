import { err, ok, validationFailed, type Result, type ValidationFailed } from "@shop/kernel";
import { Draft, unchanged } from "./draft";
import { lineNets, lineRefund } from "./refund-amounts";
import type { SagaCommand, SagaInput, SagaReply } from "./saga-messages";
import {
  checkoutSucceeded,
  returnStepNames,
  type Decision,
  type Fulfilment,
  type ReturnLine,
  type ReturnState,
  type ReturnStepName,
  type SagaState,
} from "./saga-state";

/*
 * After the sale: what happens to an order once its checkout completed. Pure, like saga.ts:
 * each function answers the order's next state and the commands to send; the caller saves it
 * over the version it read (the store's `UPDATE ... WHERE version = $read`), so two requests
 * decided from the same state never both take effect: the second is decided again on the state
 * the first left, and refused when nothing is left to refund.
 *
 *   COMPLETED --ship--> SHIPPED --deliver--> DELIVERED        (refunds allowed in all three)
 *   COMPLETED --cancel--> CANCELLING --its saga ends--> CANCELLED
 *
 * A cancellation or refund is a saga of its own (a ReturnState with its own id, kept in the
 * order's saga). Its steps, each a command with its reply, run one at a time in this order and
 * only when they apply; none fails for a business reason, so a step past its deadline is sent
 * again (the participants answer a repeat as the first), never given up on:
 *
 *   step    | command             -> reply                                   | applies when
 *   --------|------------------------------------------------------------------------------------
 *   payment | payment.refund-part -> payment.part-refunded / -refund-refused | money goes back
 *   coupon  | coupon.restore      -> coupon.restored                         | a cancellation with a coupon
 *   stock   | stock.restock       -> stock.restocked                         | restocking
 *
 * A refusal of the payment (it would pass what was paid: only a bug elsewhere could ask that)
 * ends the return FAILED, with nothing else done and its units free to be refunded again. When
 * every step is done the return is COMPLETED and order.cancelled or order.refunded goes out.
 */

export type AfterSaleRefusal =
  | { code: "ORDER_NOT_CANCELLABLE"; message: string }
  | { code: "ORDER_STATE_CONFLICT"; message: string }
  | { code: "ALREADY_REFUNDED"; message: string }
  | ValidationFailed;

export const CANCELLED_BY_SHOPPER = {
  code: "CANCELLED_BY_SHOPPER",
  message: "You cancelled this order.",
} as const;

const noFulfilment = (): Fulfilment => ({
  carrier: null,
  tracking: null,
  shippedAt: null,
  deliveredAt: null,
});

export const fulfilmentOf = (s: SagaState): Fulfilment => s.fulfilment ?? noFulfilment();
export const returnsOf = (s: SagaState): ReturnState[] => s.returns ?? [];

/** Units and money committed to returns that did not fail (pending ones included). */
const live = (s: SagaState) => returnsOf(s).filter((r) => r.status !== "FAILED");

/** How many units of each product were refunded or are being refunded. */
export function returnedUnits(s: SagaState): Map<string, number> {
  const units = new Map<string, number>();
  for (const r of live(s))
    for (const l of r.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
  return units;
}

/** Cents of each product given back or being given back (returns that did not fail). */
function returnedCents(s: SagaState): Map<string, number> {
  const cents = new Map<string, number>();
  for (const r of live(s))
    for (const l of r.lines) cents.set(l.productId, (cents.get(l.productId) ?? 0) + l.amountCents);
  return cents;
}

/** Money given back (COMPLETED returns) and money being given back (PENDING ones). */
export function refundTotals(s: SagaState): { refundedCents: number; refundingCents: number } {
  let refundedCents = 0;
  let refundingCents = 0;
  for (const r of returnsOf(s)) {
    if (r.status === "COMPLETED") refundedCents += r.amountCents;
    if (r.status === "PENDING") refundingCents += r.amountCents;
  }
  return { refundedCents, refundingCents };
}

/** Units refunded of each order line (for the order_lines column the database checks). */
export function refundedQuantities(s: SagaState) {
  const units = returnedUnits(s);
  return (s.data.reservedLines ?? []).map((l) => ({
    productId: l.productId,
    quantity: units.get(l.productId) ?? 0,
  }));
}

/** The lines of a new return: the units asked for, each with what it gives back. */
function priceReturn(
  s: SagaState,
  asked: readonly { productId: string; quantity: number }[] | null,
): Result<ReturnLine[], AfterSaleRefusal> {
  const sold = s.data.reservedLines ?? [];
  const nets = lineNets(sold, s.data.discountCents);
  const before = returnedUnits(s);
  const given = returnedCents(s);
  const wanted =
    asked ??
    sold
      .map((l) => ({
        productId: l.productId,
        quantity: l.quantity - (before.get(l.productId) ?? 0),
      }))
      .filter((l) => l.quantity > 0);
  if (wanted.length === 0)
    return err({
      code: "ALREADY_REFUNDED",
      message: "Everything on this order was refunded already.",
    });
  const fieldErrors: Record<string, string[]> = {};
  const lines: ReturnLine[] = [];
  wanted.forEach((w, i) => {
    const at = sold.findIndex((l) => l.productId === w.productId);
    const line = sold[at];
    if (line === undefined) {
      fieldErrors[`lines.${i}.productId`] = ["This product is not on the order"];
      return;
    }
    const done = before.get(w.productId) ?? 0;
    const left = line.quantity - done;
    if (w.quantity > left) {
      fieldErrors[`lines.${i}.quantity`] = [
        left === 0
          ? `All ${line.quantity} of ${line.name} were refunded already`
          : `Only ${left} of ${line.quantity} ${line.name} left to refund`,
      ];
      return;
    }
    lines.push({
      productId: w.productId,
      quantity: w.quantity,
      unitPriceCents: line.unitPriceCents,
      // Cumulative: what the units up to these are worth, less what the line gave already (a
      // failed refund's units are free again, but a later refund may have taken their cents).
      amountCents: lineRefund(
        nets[at] ?? 0,
        line.quantity,
        done,
        given.get(w.productId) ?? 0,
        w.quantity,
      ),
    });
  });
  if (Object.keys(fieldErrors).length > 0) {
    // Everything asked for is gone: another refund (perhaps at the same time) took it.
    const allGone = wanted.every((w) => {
      const line = sold.find((l) => l.productId === w.productId);
      return line !== undefined && (before.get(w.productId) ?? 0) >= line.quantity;
    });
    if (allGone)
      return err({ code: "ALREADY_REFUNDED", message: "These units were refunded already." });
    return err(validationFailed(fieldErrors));
  }
  return ok(lines);
}

interface ReturnRequest {
  refundId: string;
  by: string;
  reason: string;
  now: Date;
}

/** A new return's state, its first step sent (or, with no step to run, completed at once). */
function beginReturn(
  d: Draft,
  request: ReturnRequest & { kind: ReturnState["kind"]; restock: boolean; key?: string | null },
  lines: ReturnLine[],
) {
  const r: ReturnState = {
    id: request.refundId,
    kind: request.kind,
    status: "PENDING",
    lines,
    amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
    restock: request.restock,
    restoreCoupon: request.kind === "cancel" && d.s.data.couponId !== null,
    reason: request.reason,
    requestedBy: request.by,
    requestedAt: d.at,
    ...(request.key && { key: request.key }),
    completedAt: null,
    failure: null,
    step: null,
    deadline: null,
    attempts: { payment: 0, coupon: 0, stock: 0 },
    done: { payment: false, coupon: false, stock: false },
  };
  d.s.returns = [...returnsOf(d.s), r];
  d.log({ kind: "status", type: `${request.kind.toUpperCase()}_REQUESTED`, refundId: r.id });
  sendNextStep(d, r);
}

const applies: Record<ReturnStepName, (r: ReturnState) => boolean> = {
  payment: (r) => r.amountCents > 0,
  coupon: (r) => r.restoreCoupon,
  stock: (r) => r.restock,
};

function stepCommand(s: SagaState, r: ReturnState, step: ReturnStepName): SagaCommand {
  switch (step) {
    case "payment":
      return {
        type: "payment.refund-part",
        orderId: s.orderId,
        refundId: r.id,
        amountCents: r.amountCents,
      };
    case "coupon":
      return { type: "coupon.restore", orderId: s.orderId };
    case "stock":
      return {
        type: "stock.restock",
        orderId: s.orderId,
        refundId: r.id,
        lines: r.lines.map(({ productId, quantity }) => ({ productId, quantity })),
      };
  }
}

/** The return's awaited step's command, (re)sent, with a fresh deadline. */
function send(d: Draft, r: ReturnState, step: ReturnStepName) {
  r.step = step;
  r.attempts[step] += 1;
  r.deadline = new Date(d.now.getTime() + d.s.stepTimeoutMs).toISOString();
  d.send(stepCommand(d.s, r, step), r.attempts[step], r.id);
  syncDeadline(d.s);
}

/** The next step that applies and is not done, or the end of the return. */
function sendNextStep(d: Draft, r: ReturnState) {
  const next = returnStepNames.find((n) => applies[n](r) && !r.done[n]);
  if (next !== undefined) {
    send(d, r, next);
    return;
  }
  r.step = null;
  r.deadline = null;
  r.status = "COMPLETED";
  r.completedAt = d.at;
  d.log({ kind: "status", type: `${r.kind.toUpperCase()}_COMPLETED`, refundId: r.id });
  d.send(returnEvent(d.s, r, d.at), 1, r.id);
  if (r.kind === "cancel") {
    d.s.reason = CANCELLED_BY_SHOPPER;
    d.setStatus("CANCELLED");
  }
  syncDeadline(d.s);
}

function returnEvent(s: SagaState, r: ReturnState, completedAt: string): SagaCommand {
  return {
    type: r.kind === "cancel" ? "order.cancelled" : "order.refunded",
    orderId: s.orderId,
    refundId: r.id,
    userId: s.data.userId,
    lines: r.lines.map((l) => ({ ...l })),
    amountCents: r.amountCents,
    soldAt: s.completedAt ?? completedAt,
    restocked: r.restock,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    completedAt,
  };
}

/**
 * The saga's step and deadline (the columns the deadline job and the console read): those of
 * the pending return due first. The checkout's steps are over, so they cannot be confused.
 */
function syncDeadline(s: SagaState) {
  const first = returnsOf(s)
    .filter((r) => r.status === "PENDING" && r.deadline !== null)
    .sort((a, b) => Date.parse(a.deadline ?? "") - Date.parse(b.deadline ?? ""))[0];
  s.step = first?.step ?? null;
  s.deadline = first?.deadline ?? null;
}

// ---------------------------------------------------------------------------------------------
// Requests.

/**
 * Whether the shopper may cancel now; null when they may (or already did: it is idempotent).
 *
 * Not while an admin's refund is still running: the cancellation would give back only the units
 * that refund left, and then (1) the order turned CANCELLED while the refund was PENDING, so its
 * replies were never taken (decide ignores every input once CANCELLED) and its money went back
 * without the refund ever completing or its event going out; (2) if the payment refused that
 * refund, its units were freed on an order already cancelled: the shopper stayed charged for
 * them. Once the refund ends (either way) the cancel is decided on what it left.
 */
export function cancelRefusal(s: SagaState): AfterSaleRefusal | null {
  if (s.status === "SHIPPED" || s.status === "DELIVERED")
    return {
      code: "ORDER_NOT_CANCELLABLE",
      message: "This order has shipped: it can no longer be cancelled.",
    };
  if (s.status === "COMPLETED" && returnsOf(s).some((r) => r.status === "PENDING"))
    return {
      code: "ORDER_STATE_CONFLICT",
      message: "A refund of this order is in progress: try cancelling again in a moment.",
    };
  if (s.status === "COMPLETED" && returnedUnits(s).size > 0) {
    const left = priceReturn(s, null);
    if (!left.ok) return left.error;
  }
  return null;
}

/** A completed order's cancellation saga: everything not refunded yet goes back. */
export function cancelCompleted(
  s: SagaState,
  input: Extract<SagaInput, { kind: "cancel" }>,
): Decision {
  if (s.status !== "COMPLETED" || cancelRefusal(s) !== null) return unchanged(s);
  const lines = priceReturn(s, null);
  if (!lines.ok) return unchanged(s);
  const d = new Draft(s, input.now);
  d.setStatus("CANCELLING");
  beginReturn(
    d,
    { ...input, kind: "cancel", restock: true, reason: CANCELLED_BY_SHOPPER.message },
    lines.value,
  );
  return d.done();
}

export interface RefundRequest extends ReturnRequest {
  /** Null: everything not refunded yet. */
  lines: readonly { productId: string; quantity: number }[] | null;
  restock: boolean;
  /** A retried request (a double click, a timeout) carries the first one's key. */
  key?: string | null;
}

/** The refund a request is, if it was made before: the same id, or the same key. */
export const refundOf = (s: SagaState, input: Pick<RefundRequest, "refundId" | "key">) =>
  returnsOf(s).find((r) => r.id === input.refundId || (Boolean(input.key) && r.key === input.key));

/** An admin's refund of a completed, shipped or delivered order. */
export function requestRefund(
  s: SagaState,
  input: RefundRequest,
): Result<Decision, AfterSaleRefusal> {
  if (s.status !== "COMPLETED" && s.status !== "SHIPPED" && s.status !== "DELIVERED")
    return err({
      code: "ORDER_STATE_CONFLICT",
      message:
        s.status === "CANCELLING" || s.status === "CANCELLED"
          ? "This order is cancelled: there is nothing to refund."
          : "Only a completed order can be refunded.",
    });
  if (refundOf(s, input)) return ok(unchanged(s));
  const lines = priceReturn(s, input.lines);
  if (!lines.ok) return lines;
  const d = new Draft(s, input.now);
  beginReturn(d, { ...input, kind: "refund" }, lines.value);
  return ok(d.done());
}

/**
 * Ships a completed order. On a shipped one it corrects what is given (a mistyped tracking
 * number) and keeps the rest and the time it shipped; the same values again change nothing.
 */
export function ship(
  s: SagaState,
  input: { carrier: string | null; tracking: string | null; now: Date },
): Result<Decision, AfterSaleRefusal> {
  if (s.status === "SHIPPED") {
    const was = fulfilmentOf(s);
    const carrier = input.carrier ?? was.carrier;
    const tracking = input.tracking ?? was.tracking;
    if (carrier === was.carrier && tracking === was.tracking) return ok(unchanged(s));
    const d = new Draft(s, input.now);
    d.s.fulfilment = { ...was, carrier, tracking };
    return ok(d.done());
  }
  if (s.status !== "COMPLETED")
    return err({
      code: "ORDER_STATE_CONFLICT",
      message: `Only a completed order can be shipped; this one is ${s.status.toLowerCase()}.`,
    });
  const d = new Draft(s, input.now);
  d.s.fulfilment = {
    ...fulfilmentOf(s),
    carrier: input.carrier,
    tracking: input.tracking,
    shippedAt: d.at,
  };
  d.setStatus("SHIPPED");
  return ok(d.done());
}

export function deliver(s: SagaState, input: { now: Date }): Result<Decision, AfterSaleRefusal> {
  if (s.status === "DELIVERED") return ok(unchanged(s));
  if (s.status !== "SHIPPED")
    return err({
      code: "ORDER_STATE_CONFLICT",
      message: `Only a shipped order can be delivered; this one is ${s.status.toLowerCase()}.`,
    });
  const d = new Draft(s, input.now);
  d.s.fulfilment = { ...fulfilmentOf(s), deliveredAt: d.at };
  d.setStatus("DELIVERED");
  return ok(d.done());
}

// ---------------------------------------------------------------------------------------------
// The returns' replies, deadlines and the resume after a restart.

const RETURN_REPLIES = new Set<SagaReply["type"]>([
  "payment.part-refunded",
  "payment.part-refund-refused",
  "stock.restocked",
]);

export const isReturnReply = (r: SagaReply) => RETURN_REPLIES.has(r.type);

/** decide() for an order whose checkout completed (saga.ts dispatches here). */
export function afterSaleDecision(s: SagaState, input: SagaInput): Decision {
  if (!checkoutSucceeded(s)) return unchanged(s);
  switch (input.kind) {
    case "cancel":
      return cancelCompleted(s, input);
    case "reply":
      return returnReply(s, input.reply, input.now, input.messageId);
    case "deadline":
      return resend(
        s,
        input.now,
        "deadline",
        (r) => Date.parse(r.deadline ?? "") <= input.now.getTime(),
      );
    case "resume":
      return resend(s, input.now, "resume", () => true);
    case "start":
      return unchanged(s);
  }
}

/**
 * Every pending return `due` picks asks its awaited step again (a step never fails), logged as
 * `why`: a deadline passed, or the orchestrator resumed after a restart (as the checkout's).
 */
function resend(
  s: SagaState,
  now: Date,
  why: "deadline" | "resume",
  due: (r: ReturnState) => boolean,
): Decision {
  const picked = returnsOf(s).filter((r) => r.status === "PENDING" && r.step !== null && due(r));
  if (picked.length === 0) return unchanged(s);
  const d = new Draft(s, now);
  for (const p of picked) {
    const r = returnsOf(d.s).find((x) => x.id === p.id) as ReturnState;
    const step = r.step as ReturnStepName;
    d.log({ kind: why, type: step, refundId: r.id });
    send(d, r, step);
  }
  return d.done();
}

function returnReply(s: SagaState, reply: SagaReply, now: Date, messageId?: string): Decision {
  if (reply.orderId !== s.orderId) return unchanged(s);
  const step: ReturnStepName | null =
    reply.type === "payment.part-refunded" || reply.type === "payment.part-refund-refused"
      ? "payment"
      : reply.type === "stock.restocked"
        ? "stock"
        : reply.type === "coupon.restored"
          ? "coupon"
          : null;
  if (step === null) return unchanged(s); // a late or repeated checkout reply
  const refundId = "refundId" in reply ? reply.refundId : null;
  // coupon.restored names no refund: it answers the return awaiting its coupon (only a
  // cancellation restores one, and an order has at most one cancellation).
  const target = returnsOf(s).find(
    (r) => r.status === "PENDING" && r.step === step && (refundId === null || r.id === refundId),
  );
  if (target === undefined) return unchanged(s); // a duplicate, or the step is done already
  const d = new Draft(s, now);
  const r = returnsOf(d.s).find((x) => x.id === target.id) as ReturnState;
  d.log({
    kind: "reply",
    type: reply.type,
    refundId: r.id,
    ...(messageId ? { messageId } : {}),
    ...(reply.type === "payment.part-refunded" ? { detail: `amount ${reply.amountCents}` } : {}),
    ...(reply.type === "payment.part-refund-refused"
      ? { detail: `${reply.reason} refundable ${reply.refundableCents}` }
      : {}),
  });
  if (reply.type === "payment.part-refund-refused") {
    r.status = "FAILED";
    r.step = null;
    r.deadline = null;
    r.completedAt = d.at;
    r.failure = `The payment refused the refund (${reply.reason}); it can still give back ${reply.refundableCents} cents.`;
    d.log({ kind: "status", type: `${r.kind.toUpperCase()}_FAILED`, refundId: r.id });
    // A cancellation that cannot refund leaves the order as it was: paid and completed.
    if (r.kind === "cancel") d.setStatus("COMPLETED");
    syncDeadline(d.s);
    return d.done();
  }
  r.done[step] = true;
  sendNextStep(d, r);
  return d.done();
}
