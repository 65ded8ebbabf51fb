/*
 * The checkout saga's stock step, as plain values (contracts: stock.reserve, stock.release), and
 * the after-sale restock (stock.restock).
 * An order's record says what its first reserve answered and whether it was released; the
 * stock itself moves in the store, guarded in SQL.
 */

export interface OrderLine {
  productId: string;
  quantity: number;
}

/** A reserved line, at the product's own price when it was reserved (what the order is charged). */
export interface ReservedLine extends OrderLine {
  unitPriceCents: number;
  name: string;
}

export type StockRejectReason = "OUT_OF_STOCK" | "PRODUCT_UNAVAILABLE" | "ORDER_RELEASED";

export type ReserveAnswer =
  | { kind: "reserved"; orderId: string; lines: ReservedLine[] }
  | {
      kind: "rejected";
      orderId: string;
      reason: StockRejectReason;
      productId?: string;
      available?: number;
    };

export type StockReply =
  | ReserveAnswer
  | { kind: "released"; orderId: string }
  | { kind: "restocked"; orderId: string; refundId: string };

/**
 * After the sale (contracts: stock.restock): these units of an order go back in stock, as one
 * cancellation or refund. Never refused for a business reason; done once per refund id.
 */
export interface RestockRequest {
  orderId: string;
  refundId: string;
  lines: readonly OrderLine[];
}

/**
 * A restock's lines, one per product with the quantities summed, in product id order (the lock
 * order): the contract does not forbid a product twice, and every unit of each line comes back.
 */
export function restockTotals(lines: readonly OrderLine[]): OrderLine[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.productId, (totals.get(l.productId) ?? 0) + l.quantity);
  return inLockOrder([...totals].map(([productId, quantity]) => ({ productId, quantity })));
}

/**
 * What the store knows of an order: `reserved`/`rejected` keep the answer the reserve gave;
 * `released` with `answer` null is a release that came before any reserve.
 */
export type OrderStock =
  | { orderId: string; state: "reserved"; answer: Extract<ReserveAnswer, { kind: "reserved" }> }
  | { orderId: string; state: "rejected"; answer: Extract<ReserveAnswer, { kind: "rejected" }> }
  | { orderId: string; state: "released"; answer: ReserveAnswer | null };

/**
 * A reserve for an order seen before: the same answer as the first one, unless the order was
 * released since (the saga gave up on it), in which case nothing is reserved again.
 */
export function replayReserve(record: OrderStock): ReserveAnswer {
  if (record.state === "released")
    return { kind: "rejected", orderId: record.orderId, reason: "ORDER_RELEASED" };
  return record.answer;
}

/** Lines in product id order: the order in which their rows are locked, so reserves never deadlock. */
export function inLockOrder<L extends OrderLine>(lines: readonly L[]): L[] {
  return [...lines].sort((a, b) =>
    a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
  );
}
