import {
  inLockOrder,
  replayReserve,
  type OrderLine,
  type ReserveAnswer,
} from "../domain/reservation";
import type { ReceivedMessage } from "@shop/kernel";
import type { HandledCommand, ProductDeps, ReservationStore } from "./ports";

export interface ReserveRequest {
  orderId: string;
  lines: readonly OrderLine[];
}

/**
 * The saga's "reserve stock" command: every line or none, at the products' own prices. Handled
 * once per message (inbox) and idempotent per order (the order's record): the stock change, the
 * reservation, the record and the reply commit in one transaction.
 */
export function reserveStock(
  deps: Pick<ProductDeps, "saga" | "clock">,
  command: ReceivedMessage,
  request: ReserveRequest,
): Promise<HandledCommand> {
  return deps.saga.handle(command, async (store) => ({
    reply: await applyReserve(store, request, deps.clock.now()),
  }));
}

/** The reserve itself, on the command's transaction. */
export async function applyReserve(
  store: ReservationStore,
  request: ReserveRequest,
  now: Date,
): Promise<ReserveAnswer> {
  const { orderId } = request;
  const record = await store.lockOrder(orderId);
  if (record) return replayReserve(record);

  const taken = await store.takeLines(orderId, inLockOrder(request.lines), now);
  switch (taken.kind) {
    case "taken": {
      const answer = { kind: "reserved", orderId, lines: taken.lines } as const;
      await store.saveOrder({ orderId, state: "reserved", answer }, now);
      return answer;
    }
    case "unavailable":
    case "short": {
      const answer =
        taken.kind === "short"
          ? ({
              kind: "rejected",
              orderId,
              reason: "OUT_OF_STOCK",
              productId: taken.productId,
              available: taken.available,
            } as const)
          : ({
              kind: "rejected",
              orderId,
              reason: "PRODUCT_UNAVAILABLE",
              productId: taken.productId,
            } as const);
      await store.saveOrder({ orderId, state: "rejected", answer }, now);
      return answer;
    }
  }
}
