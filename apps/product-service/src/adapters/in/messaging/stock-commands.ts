import { stockRelease, stockReserve, stockRestock } from "@shop/contracts";
import { handler } from "@shop/messaging";
import type { ProductDeps } from "../../../application/ports";
import { releaseStock } from "../../../application/release-stock";
import { reserveStock } from "../../../application/reserve-stock";
import { restockOrder } from "../../../application/restock-order";

/*
 * The sagas' commands to this service (contracts' PRODUCT_COMMANDS), each to its use case.
 * @shop/messaging's consumer has validated the message against its contract (a malformed one
 * is dead-lettered with the reason before it gets here); the use case handles it once (inbox)
 * and commits the change with its reply (outbox). A handler that throws is retried, then
 * dead-lettered by the queue's delivery limit.
 */
export const stockCommandHandlers = (deps: Pick<ProductDeps, "saga" | "clock">) => [
  handler(stockReserve, (m, { received }) => reserveStock(deps, received, m.payload)),
  handler(stockRelease, (m, { received }) => releaseStock(deps, received, m.payload.orderId)),
  handler(stockRestock, (m, { received }) => restockOrder(deps, received, m.payload)),
];
