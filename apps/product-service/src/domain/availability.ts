import type { ProductStatus } from "./product";
import type { OrderLine } from "./reservation";

/*
 * Whether the stock on hand covers an order's lines: the one rule the pg and in-memory stores
 * apply to the rows they locked, and the storefront's checkout restates for its early answer.
 */

/** What a store knows of one product when it decides: its status and its stock. */
export interface StockOnHand {
  status: ProductStatus;
  stock: number;
}

/** Why a line cannot be taken: the product is gone or archived, or it has fewer units. */
export type Shortfall =
  | { kind: "unavailable"; productId: string }
  | { kind: "short"; productId: string; available: number };

/** A line's own verdict: a product not active is unavailable; stock below the quantity is short. */
export function lineShortfall(line: OrderLine, product: StockOnHand | undefined): Shortfall | null {
  if (!product || product.status !== "active")
    return { kind: "unavailable", productId: line.productId };
  if (product.stock < line.quantity)
    return { kind: "short", productId: line.productId, available: product.stock };
  return null;
}

/** The first line, in the given order, that cannot be taken; null when every line can. */
export function firstShortfall(
  lines: readonly OrderLine[],
  productOf: (productId: string) => StockOnHand | undefined,
): Shortfall | null {
  for (const line of lines) {
    const shortfall = lineShortfall(line, productOf(line.productId));
    if (shortfall) return shortfall;
  }
  return null;
}
