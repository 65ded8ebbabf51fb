import { restockTotals, type RestockRequest, type StockReply } from "../domain/reservation";
import type { ReceivedMessage } from "@shop/kernel";
import type { HandledCommand, ProductDeps, ReservationStore } from "./ports";

/**
 * After the sale: a cancellation's or a refund's "restock" (contracts: stock.restock) puts the
 * units back in stock. Handled once per message (inbox) and once per refund id (the restock's
 * record, written by the same transaction as the stock change); a repeat moves nothing and is
 * answered the same. Never fails for a business reason: an archived product takes its units
 * back all the same; always answered "restocked".
 */
export function restockOrder(
  deps: Pick<ProductDeps, "saga" | "clock">,
  command: ReceivedMessage,
  request: RestockRequest,
): Promise<HandledCommand> {
  return deps.saga.handle(command, async (store) => ({
    reply: await applyRestock(store, request, deps.clock.now()),
  }));
}

/** The restock itself, on the command's transaction. */
export async function applyRestock(
  store: ReservationStore,
  { orderId, refundId, lines }: RestockRequest,
  now: Date,
): Promise<StockReply> {
  // "already": a refund restocked before (a re-sent command); its units went back then.
  await store.restock(refundId, orderId, restockTotals(lines), now);
  return { kind: "restocked", orderId, refundId };
}
