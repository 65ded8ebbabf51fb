import { randomUUID } from "node:crypto";
import { PAYMENT_COMMANDS } from "@shop/contracts";
import { fakeClock, sequentialIds } from "@shop/service-kit/test-fixtures";
import { chargeWallet } from "../application/charge-wallet";
import type { ReceivedMessage } from "@shop/kernel";
import type { PaymentDeps } from "../application/ports";
import { MAX_CHARGE_CENTS } from "../domain/wallet";
import { InMemoryPaymentStore } from "../adapters/out/memory/payment-store";

export { fakeClock, sequentialIds };

export const T0 = new Date("2026-01-01T00:00:00.000Z");

export const ANN = "00000000-0000-4000-8000-00000000a001";
export const BOB = "00000000-0000-4000-8000-00000000b002";

/** The consumer name the handlers record in the inbox in tests that call use cases directly. */
export const TEST_CONSUMER = PAYMENT_COMMANDS.name;

/** A command as the consumer would hand it over: a new message id, in the order's saga. */
export const received = (orderId: string, messageId: string = randomUUID()): ReceivedMessage => ({
  consumer: TEST_CONSUMER,
  messageId,
  correlationId: orderId,
});

/** A new idempotency key, as the charge form makes one. */
export const aKey = () => randomUUID();

/** Charges `cents` to the user's wallet (in as many charges as the per-charge limit needs). */
export async function fund(deps: PaymentDeps, userId: string, cents: number): Promise<void> {
  for (let left = cents; left > 0; left -= MAX_CHARGE_CENTS) {
    const r = await chargeWallet(deps, userId, {
      amountCents: Math.min(left, MAX_CHARGE_CENTS),
      idempotencyKey: aKey(),
    });
    if (!r.ok) throw new Error(`fund ${userId} ${cents}: ${JSON.stringify(r.error)}`);
  }
}

/** The use cases' dependencies on the in-memory store, with a fake clock and sequential ids. */
export function memoryDeps() {
  const deps = {
    store: new InMemoryPaymentStore(),
    clock: fakeClock(T0),
    ids: sequentialIds(),
  } satisfies PaymentDeps;
  return deps;
}

export type MemoryDeps = ReturnType<typeof memoryDeps>;

/**
 * `deps` whose saga commands fail half-way: the debit succeeds, then the payment's record
 * cannot be written ("payment record unavailable"), so all of the command must roll back.
 */
export function failingAfterDebit(deps: PaymentDeps): PaymentDeps {
  const { store } = deps;
  return {
    ...deps,
    store: {
      balanceOf: (u) => store.balanceOf(u),
      ledger: (u, p) => store.ledger(u, p),
      transaction: (work) => store.transaction(work),
      handle: (c, work) =>
        store.handle(c, (tx) =>
          work({
            ...tx,
            payments: {
              ...tx.payments,
              save: async () => {
                throw new Error("payment record unavailable");
              },
            },
          }),
        ),
    },
  };
}
