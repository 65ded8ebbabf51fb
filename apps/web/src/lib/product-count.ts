import type { ProductPage } from "@shop/contracts";

/**
 * "1 product", "12 products", or "600+ products": a listing counts its matches no further than
 * its last reachable page (MAX_LISTING_PAGE), so past that the number is a lower bound.
 */
export function productCount({ total, totalCapped }: Pick<ProductPage, "total" | "totalCapped">) {
  return `${total.toLocaleString("en-US")}${totalCapped ? "+" : ""} ${total === 1 && !totalCapped ? "product" : "products"}`;
}
