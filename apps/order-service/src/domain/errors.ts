import type { CommonError } from "@shop/kernel";
import type { AfterSaleRefusal } from "./after-sale";

/**
 * The cart changed between reading it and writing the order (another tab edited it), and no
 * order took the lines that were read: nothing was ordered, and the shopper looks again.
 */
export type CartChanged = { code: "CART_CHANGED"; message: string };

export const cartChanged: CartChanged = {
  code: "CART_CHANGED",
  message: "Your cart changed while the order was being placed. Check it and place it again.",
};

/** What order-service's use cases can refuse, as values (mapped to tRPC at the edge). */
export type OrderError =
  CommonError | CartChanged | AfterSaleRefusal | { code: "FORBIDDEN"; message: string };
