import type { StockReply } from "../domain/reservation";
import type { ReceivedMessage } from "@shop/kernel";
import type { HandledCommand, ProductDeps, ReservationStore } from "./ports";

/**
 * The saga's compensation: give back what an order reserved. Handled once per message and
 * idempotent per order; never fails for a business reason, always answered "released".
 */
export function releaseStock(
  deps: Pick<ProductDeps, "saga" | "clock">,
  command: ReceivedMessage,
  orderId: string,
): Promise<HandledCommand> {
  return deps.saga.handle(command, async (store) => ({
    reply: await applyRelease(store, orderId, deps.clock.now()),
  }));
}

export async function applyRelease(
  store: ReservationStore,
  orderId: string,
  now: Date,
): Promise<StockReply> {
  const record = await store.lockOrder(orderId);
  if (!record) {
    // Nothing reserved yet: remember the release, so a reserve arriving late is refused.
    await store.saveOrder({ orderId, state: "released", answer: null }, now);
  } else if (record.state === "reserved") {
    await store.returnLines(orderId, now);
    await store.saveOrder({ ...record, state: "released" }, now);
  }
  // rejected, released: nothing is held for the order, or it was given back already.
  return { kind: "released", orderId };
}
