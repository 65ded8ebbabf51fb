import { afterAll, beforeAll } from "vitest";
import { orderCompleted } from "@shop/contracts";
import { tap, type Tap } from "./shop";
import type { Stack } from "./stack";
import { useStack } from "./use-stack";

/*
 * What the checkout-saga test files (checkout*.int.test.ts, resilience*.int.test.ts) share: their
 * stack, a tap on order.completed, and a few small helpers of their assertions and reports.
 */

/**
 * The calling file's stack, two instances each of product-, coupon-, payment- and order-service
 * (useStack: started in beforeAll, stopped in afterAll), and a queue of the file's own bound to
 * order.completed, made before any order completes: every such event published is seen on
 * `completed.received` (besides the services' own consumers of it). Read both inside tests.
 */
export function useSagaStack(): {
  readonly stack: Stack;
  readonly completed: { readonly received: Tap["received"] };
} {
  const t = useStack({ instances: 2 });
  let completed: Tap | undefined;
  beforeAll(async () => {
    completed = await tap(t.stack, [orderCompleted]);
  });
  afterAll(async () => {
    await completed?.close();
  });
  return {
    get stack() {
      return t.stack;
    },
    completed: {
      get received() {
        if (!completed)
          throw new Error("The order.completed tap is not made yet (use it in tests)");
        return completed.received;
      },
    },
  };
}

/** The discount of most campaigns the tests make. */
export const FIXED_300 = { kind: "fixed", amountOffCents: 300 } as const;

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function report(line: string) {
  // eslint-disable-next-line no-console -- the figures are part of what these tests show
  console.log(line);
}
