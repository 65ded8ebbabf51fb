/*
 * A model of the saga's world for tests: the three participants, each keeping the rules their
 * contracts state (idempotent per order; a compensation that comes first makes the late command
 * fail), and an at-least-once network that can deliver in any order and more than once.
 */
import {
  decide,
  isSettled,
  isTerminal,
  newSaga,
  type Decision,
  type SagaCommand,
  type SagaInput,
  type SagaReply,
  type SagaState,
} from "../domain/saga";

/** The tests' clock: `at(ms)` is `ms` after T0. */
export const T0 = Date.parse("2026-12-01T12:00:00.000Z");
export const at = (ms: number) => new Date(T0 + ms);

/** Feeds inputs in turn; answers the final state and every command sent, in order. */
export function play(state: SagaState, inputs: SagaInput[]) {
  const commands: SagaCommand[] = [];
  for (const input of inputs) {
    const d = decide(state, input);
    state = d.state;
    commands.push(...d.commands);
  }
  return { state, commands, types: commands.map((c) => c.type) };
}

export const ORDER_ID = "0b9c5a5e-8a55-4c57-9d2c-3c0b8f0a1d11";
export const USER_ID = "5a7d1c7e-1f0e-4a3b-9a55-2c9f5b6e7d22";
export const COUPON_ID = "8e3f2a1b-6c5d-4e7f-8a9b-0c1d2e3f4a33";
export const APRON = "11111111-1111-4111-8111-111111111111";
export const MUG = "22222222-2222-4222-8222-222222222222";

export interface Scenario {
  /** Units of APRON available at product-service. */
  stockAvailable: number;
  /**
   * ok: $5.00 off; full: the whole order off; odd: $10.01 off, which leaves the apron line a net
   * that its two units do not split evenly (so the refunds' rounding shows).
   */
  coupon: "none" | "ok" | "rejected" | "full" | "odd";
  balanceCents: number;
  stepTimeoutMs?: number;
  /**
   * The payment refuses the first partial refund it is asked for (as a bug elsewhere could make
   * it): the return it belongs to ends FAILED. Absent: false.
   */
  refuseFirstPartRefund?: boolean;
}

export const PRICES = { [APRON]: 1_240, [MUG]: 800 } as const;
export const NAMES = { [APRON]: "Linen Apron", [MUG]: "Stoneware Mug" } as const;
export const LINES = [
  { productId: APRON, quantity: 2, name: NAMES[APRON] },
  { productId: MUG, quantity: 1, name: NAMES[MUG] },
];
/** 2 x $12.40 + $8.00. */
export const SUBTOTAL = 2 * PRICES[APRON] + PRICES[MUG];
export const DISCOUNT = 500;
export const ODD_DISCOUNT = 1_001;

export function startState(scenario: Pick<Scenario, "coupon" | "stepTimeoutMs">, at: Date) {
  return newSaga({
    orderId: ORDER_ID,
    userId: USER_ID,
    lines: LINES,
    couponId: scenario.coupon === "none" ? null : COUPON_ID,
    placedAt: at,
    ...(scenario.stepTimeoutMs === undefined ? {} : { stepTimeoutMs: scenario.stepTimeoutMs }),
  });
}

/** The participants' records for the one order, and the effects they had (to check at the end). */
export class Participants {
  stock: "nothing" | "reserved" | "rejected" | "released" | "cancelled" = "nothing";
  coupon: "nothing" | "used" | "rejected" | "restored" | "cancelled" = "nothing";
  payment: "nothing" | "paid" | "failed" | "refunded" | "cancelled" = "nothing";
  /**
   * Units of each product taken from stock for the order and not back in stock: set by the
   * reserve, back to none on a release, less the units each restock puts back.
   */
  readonly heldBy = new Map<string, number>();
  /** Units of each product the order took from stock (its reserve). */
  readonly boughtBy = new Map<string, number>();
  /** Units of each product put back by restocks (once per refund id). */
  readonly restockedBy = new Map<string, number>();
  couponInUse = false;
  debitedCents = 0;
  /** Everything given back: the checkout's refund and the partial refunds. */
  creditedCents = 0;
  /** Given back by partial refunds (refund-part) only. */
  partCreditedCents = 0;
  /** What payment.pay took (0: nothing). */
  paidCents = 0;
  /** Partial refunds by refund id: the amount credited, or -1 when refused. */
  private readonly partRefunds = new Map<string, number>();
  private readonly restocked = new Set<string>();

  constructor(private readonly scenario: Scenario) {}

  /** Units held for the order now, all products together. */
  get held(): number {
    return [...this.heldBy.values()].reduce((a, b) => a + b, 0);
  }

  handle(c: SagaCommand): SagaReply | null {
    const orderId = c.orderId;
    switch (c.type) {
      case "stock.reserve": {
        if (this.stock === "nothing") {
          const short = c.lines.find(
            (l) => l.productId === APRON && l.quantity > this.scenario.stockAvailable,
          );
          if (short) {
            this.stock = "rejected";
          } else {
            this.stock = "reserved";
            for (const l of c.lines) {
              this.heldBy.set(l.productId, l.quantity);
              this.boughtBy.set(l.productId, l.quantity);
            }
          }
        }
        if (this.stock === "cancelled")
          return { type: "stock.rejected", orderId, reason: "ORDER_RELEASED" };
        if (this.stock === "rejected")
          return {
            type: "stock.rejected",
            orderId,
            reason: "OUT_OF_STOCK",
            productId: APRON,
            available: this.scenario.stockAvailable,
          };
        // reserved, or reserved then released: answers what the first reserve did
        return {
          type: "stock.reserved",
          orderId,
          lines: c.lines.map((l) => ({
            ...l,
            unitPriceCents: PRICES[l.productId as keyof typeof PRICES],
            name: NAMES[l.productId as keyof typeof NAMES],
          })),
        };
      }
      case "stock.release":
        if (this.stock === "reserved") {
          this.stock = "released";
          this.heldBy.clear();
        } else if (this.stock === "nothing") this.stock = "cancelled";
        return { type: "stock.released", orderId };
      case "coupon.use": {
        if (this.coupon === "nothing") {
          if (this.scenario.coupon === "rejected") this.coupon = "rejected";
          else {
            this.coupon = "used";
            this.couponInUse = true;
          }
        }
        // used, or used then restored: answers what the first use did
        if (this.coupon === "used" || this.coupon === "restored") {
          const discountCents =
            this.scenario.coupon === "full"
              ? c.orderAmountCents
              : Math.min(
                  this.scenario.coupon === "odd" ? ODD_DISCOUNT : DISCOUNT,
                  c.orderAmountCents,
                );
          return { type: "coupon.used", orderId, couponId: c.couponId, discountCents };
        }
        return {
          type: "coupon.rejected",
          orderId,
          couponId: c.couponId,
          reason: this.coupon === "cancelled" ? "ORDER_RESTORED" : "EXPIRED",
        };
      }
      case "coupon.restore":
        if (this.coupon === "used") {
          this.coupon = "restored";
          this.couponInUse = false;
        } else if (this.coupon === "nothing") this.coupon = "cancelled";
        return { type: "coupon.restored", orderId };
      case "payment.pay":
        if (this.payment === "nothing") {
          if (this.scenario.balanceCents >= c.amountCents) {
            this.payment = "paid";
            this.paidCents = c.amountCents;
            this.debitedCents += c.amountCents;
          } else this.payment = "failed";
        }
        if (this.payment === "paid")
          return { type: "payment.paid", orderId, amountCents: this.paidCents };
        if (this.payment === "failed")
          return {
            type: "payment.failed",
            orderId,
            reason: "INSUFFICIENT_BALANCE",
            shortByCents: c.amountCents - this.scenario.balanceCents,
          };
        return { type: "payment.failed", orderId, reason: "ALREADY_REFUNDED" };
      case "payment.refund":
        if (this.payment === "paid") {
          this.payment = "refunded";
          this.creditedCents += this.paidCents;
          return { type: "payment.refunded", orderId, amountCents: this.paidCents };
        }
        if (this.payment === "refunded")
          return { type: "payment.refunded", orderId, amountCents: this.paidCents };
        if (this.payment === "nothing") this.payment = "cancelled";
        return { type: "payment.refunded", orderId, amountCents: 0 };
      case "payment.refund-part": {
        // As payment-service: once per refund id, never past what was paid.
        const seen = this.partRefunds.get(c.refundId);
        if (seen === undefined) {
          const given = [...this.partRefunds.values()].reduce((a, b) => a + b, 0);
          const refuse =
            this.scenario.refuseFirstPartRefund === true && this.partRefunds.size === 0;
          const ok = !refuse && this.payment === "paid" && given + c.amountCents <= this.paidCents;
          this.partRefunds.set(c.refundId, ok ? c.amountCents : -1);
          if (ok) {
            this.creditedCents += c.amountCents;
            this.partCreditedCents += c.amountCents;
          }
        }
        const given = this.partRefunds.get(c.refundId) ?? -1;
        if (given >= 0)
          return {
            type: "payment.part-refunded",
            orderId,
            refundId: c.refundId,
            amountCents: given,
            balanceAfterCents: 0,
          };
        return {
          type: "payment.part-refund-refused",
          orderId,
          refundId: c.refundId,
          reason: this.payment === "paid" ? "EXCEEDS_PAYMENT" : "NOT_PAID",
          refundableCents: 0,
        };
      }
      case "stock.restock":
        // As product-service: once per refund id, the units back in stock (counted per product,
        // so a restock of more than was taken shows as units restocked past those bought).
        if (!this.restocked.has(c.refundId)) {
          this.restocked.add(c.refundId);
          for (const l of c.lines) {
            this.heldBy.set(l.productId, (this.heldBy.get(l.productId) ?? 0) - l.quantity);
            this.restockedBy.set(
              l.productId,
              (this.restockedBy.get(l.productId) ?? 0) + l.quantity,
            );
          }
        }
        return { type: "stock.restocked", orderId, refundId: c.refundId };
      case "order.completed":
      case "order.cancelled":
      case "order.refunded":
        return null;
    }
  }
}

/** Everything the saga sent and received, with the state after each input. */
export interface Trace {
  sent: SagaCommand[];
  received: SagaReply[];
  /** For each command sent: the replies the saga had received before it (by index). */
  sentAfter: number[];
}

/** Drives one saga: feeds inputs through `decide`, keeping the trace. */
export class Orchestrator {
  state: SagaState;
  trace: Trace = { sent: [], received: [], sentAfter: [] };

  constructor(initial: SagaState) {
    this.state = initial;
  }

  feed(input: SagaInput): SagaCommand[] {
    if (input.kind === "reply") this.trace.received.push(input.reply);
    return this.apply(decide(this.state, input));
  }

  /** Takes a decision made on the current state (a request: refund, ship, deliver). */
  apply({ state, commands }: Decision): SagaCommand[] {
    const before = this.state;
    if (state === before && commands.length > 0) throw new Error("unchanged state sent commands");
    if (state !== before && state.version !== before.version + 1)
      throw new Error("a change must bump the version by one");
    this.state = state;
    for (const c of commands) {
      this.trace.sent.push(c);
      this.trace.sentAfter.push(this.trace.received.length);
    }
    return commands;
  }

  /**
   * A crash and restart: the state comes back from its persisted (JSON) form. The caller hands
   * it the replies that were waiting first (as the orchestrator's start does), then `resume`.
   */
  restart(): void {
    this.state = JSON.parse(JSON.stringify(this.state)) as SagaState;
  }

  resume(now: Date): SagaCommand[] {
    return this.feed({ kind: "resume", now });
  }

  get terminal() {
    return isTerminal(this.state);
  }

  /** Terminal, and no cancellation or refund is awaiting a reply. */
  get settled() {
    return isSettled(this.state);
  }
}
