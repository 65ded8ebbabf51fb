import { afterAll, beforeAll, describe } from "vitest";
import { orderCompleted, type Envelope } from "@shop/contracts";
import { NO_RABBITMQ } from "@shop/messaging/testing";
import { projectedCompletions, tap, type Tap } from "./shop";
import type { Stack, StackTransport } from "./stack";
import { useStack } from "./use-stack";

/*
 * What the checkout-saga test files (checkout*.int.test.ts, resilience*.int.test.ts) share: their
 * stack, the order.completed events seen, and a few small helpers of their assertions and reports.
 */

/**
 * `describe` for scenarios on `transport`: those on RabbitMQ skip where there is no broker
 * (TEST_RABBITMQ_URL=none: `npm test` on a machine without one; CI has one).
 */
export const describeOn = (transport: StackTransport) =>
  describe.skipIf(transport === "rabbitmq" && NO_RABBITMQ);

/** The order.completed events seen so far (see useSagaStack). */
export interface CompletedEvents {
  seen(): Promise<readonly Envelope[]>;
}

/**
 * The calling file's stack (useStack: started in beforeAll, stopped in afterAll) and the
 * order.completed events seen on it; read both inside tests.
 * - "rabbitmq": two instances each of product-, coupon-, payment- and order-service, and a queue
 *   of the file's own bound to order.completed, made before any order completes: every copy
 *   published is seen (besides the services' own consumers of it).
 * - "memory": the embedded host. Its transport is in its process, so what is seen is what
 *   product-service's projector consumed: each order's event once, however many copies came.
 */
export function useSagaStack(transport: StackTransport = "rabbitmq"): {
  readonly stack: Stack;
  readonly completed: CompletedEvents;
} {
  const t = useStack({ transport, instances: 2 });
  let completed: Tap | undefined;
  if (transport === "rabbitmq") {
    beforeAll(async () => {
      completed = await tap(t.stack, [orderCompleted]);
    });
    afterAll(async () => {
      await completed?.close();
    });
  }
  return {
    get stack() {
      return t.stack;
    },
    completed: {
      seen: async () => {
        if (transport === "memory") return projectedCompletions(t.stack);
        if (!completed)
          throw new Error("The order.completed tap is not made yet (use it in tests)");
        return [...completed.received];
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
