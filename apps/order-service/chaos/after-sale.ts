import { cancelOrder } from "../src/application/cancel-order";
import { refundOrder } from "../src/application/refund-order";
import { orderDeps } from "../src/deps";
import type { Stack } from "../src/test/system/stack";
import type { Random } from "./prng";
import type { Checkout, Placed, World } from "./world";

/*
 * After the sale, under the same faults: a seeded ~10 % of the checkouts are cancelled by their
 * shopper at a random moment (while the checkout saga runs, or once it is over; a tenth of them
 * twice at once), and another ~10 % refunded by an admin once completed (whole, or one line's
 * random quantity; restocked or not; some sent twice at once, some raced by a cancel). The
 * requests are order-service's use cases on the database its processes use
 * (`orderDeps(stack.orderDb)`, as system/shop.ts places orders); the sagas they start run on the
 * killed, cut and duplicated stack like checkout's. A refusal (ALREADY_REFUNDED,
 * ORDER_STATE_CONFLICT, ORDER_NOT_CANCELLABLE, VALIDATION_FAILED) is a business answer, counted;
 * a request that throws is tried again, and one never answered is a failure of the run.
 */

export type AfterSalePlan =
  | { kind: "cancel"; afterSettled: boolean; delayMs: number; twice: boolean }
  | {
      kind: "refund";
      delayMs: number;
      /** Null: the whole order; else one of the checkout's lines and how many of its units. */
      line: { index: number; quantity: number } | null;
      restock: boolean;
      twice: boolean;
      /** A shopper's cancel sent at the same moment. */
      raceCancel: boolean;
    };

export const CANCEL_RATE = 0.1;
export const REFUND_RATE = 0.1;

/** Per checkout (same index as the plan), what happens after it is placed; null: nothing. */
export function planAfterSale(
  random: Random,
  checkouts: readonly Checkout[],
): (AfterSalePlan | null)[] {
  return checkouts.map((c): AfterSalePlan | null => {
    const roll = random.next();
    if (roll < CANCEL_RATE)
      return {
        kind: "cancel",
        afterSettled: random.chance(0.5),
        delayMs: random.int(0, 2_500),
        twice: random.chance(0.1),
      };
    if (roll < CANCEL_RATE + REFUND_RATE) {
      const index = random.int(0, c.lines.length - 1);
      return {
        kind: "refund",
        delayMs: random.int(0, 3_000),
        line: random.chance(0.4)
          ? null
          : { index, quantity: random.int(1, c.lines[index]!.quantity) },
        restock: random.chance(0.5),
        twice: random.chance(0.15),
        raceCancel: random.chance(0.25),
      };
    }
    return null;
  });
}

export interface AfterSaleTally {
  cancels: number;
  refunds: number;
  /** Requests the order service accepted, by kind. */
  accepted: { cancel: number; refund: number };
  /** Business refusals, by "kind CODE". */
  refused: Map<string, number>;
  /** Refunds not asked: the order did not complete. */
  skipped: number;
  /** Requests that threw every time they were tried (each a failure of the run). */
  failures: string[];
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function afterSaleDriver(stack: Stack, world: World) {
  const deps = orderDeps(stack.orderDb);
  const tally: AfterSaleTally = {
    cancels: 0,
    refunds: 0,
    accepted: { cancel: 0, refund: 0 },
    refused: new Map(),
    skipped: 0,
    failures: [],
  };
  const running: Promise<void>[] = [];
  const refuse = (kind: string, code: string) =>
    tally.refused.set(`${kind} ${code}`, (tally.refused.get(`${kind} ${code}`) ?? 0) + 1);

  /** A use case tried again while it throws (a database blip), for at most 60 s. */
  async function attempt<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    const deadline = Date.now() + 60_000;
    for (let i = 1; ; i += 1) {
      try {
        return await call();
      } catch (err) {
        if (Date.now() > deadline) {
          tally.failures.push(`${what}: ${(err as Error).message}`);
          return undefined;
        }
        await delay(Math.min(2_000, 200 * i));
      }
    }
  }

  async function cancel(orderId: string, userId: string) {
    tally.cancels += 1;
    // A cancel refused while a refund runs is asked again a few times, as a shopper would.
    for (let tries = 0; tries < 5; tries += 1) {
      const result = await attempt(`cancel ${orderId}`, () =>
        cancelOrder(deps, { role: "shopper", userId }, orderId),
      );
      if (!result) return;
      if (result.ok) {
        tally.accepted.cancel += 1;
        return;
      }
      refuse("cancel", result.error.code);
      if (result.error.code !== "ORDER_STATE_CONFLICT") return;
      await delay(1_000);
    }
  }

  async function refund(
    orderId: string,
    lines: { productId: string; quantity: number }[] | null,
    restock: boolean,
  ) {
    tally.refunds += 1;
    const result = await attempt(`refund ${orderId}`, () =>
      refundOrder(
        deps,
        { role: "admin", userId: "00000000-0000-4000-8000-00000000c4a0" },
        { orderId, lines, restock, reason: "chaos: the shopper sent it back" },
      ),
    );
    if (!result) return;
    if (result.ok) tally.accepted.refund += 1;
    else refuse("refund", result.error.code);
  }

  async function play(
    plan: AfterSalePlan,
    checkout: Checkout,
    placed: Placed,
    settled: Promise<string>,
  ) {
    const userId = world.shoppers[placed.shopper]!.userId;
    if (plan.kind === "cancel") {
      if (plan.afterSettled) await settled;
      await delay(plan.delayMs);
      await Promise.all(
        Array.from({ length: plan.twice ? 2 : 1 }, () => cancel(placed.orderId, userId)),
      );
      return;
    }
    if ((await settled) !== "COMPLETED") {
      tally.skipped += 1;
      return;
    }
    await delay(plan.delayMs);
    const line = plan.line && checkout.lines[plan.line.index];
    const lines =
      plan.line && line
        ? [{ productId: world.products[line.product]!.id, quantity: plan.line.quantity }]
        : null;
    await Promise.all([
      refund(placed.orderId, lines, plan.restock),
      ...(plan.twice ? [refund(placed.orderId, lines, plan.restock)] : []),
      ...(plan.raceCancel ? [cancel(placed.orderId, userId)] : []),
    ]);
  }

  return {
    tally,
    /** Called by the workload as each order is placed. */
    onPlaced(
      plan: AfterSalePlan | null,
      checkout: Checkout,
      placed: Placed,
      settled: Promise<string>,
    ) {
      if (plan) running.push(play(plan, checkout, placed, settled));
    },
    /** Every request answered (or given up on). */
    async done() {
      for (let i = 0; i < running.length; i += 1) await running[i];
      return tally;
    },
  };
}
