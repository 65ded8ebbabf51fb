/*
 * The cart's limits. The contract (@shop/contracts, order.ts and stock.ts) states the same
 * numbers for forms and the API; adapters/in/trpc/limits-agree.test.ts holds the copies equal.
 */

/** At most this many of one product in a cart or an order line. */
export const MAX_CART_QUANTITY = 99;

/** At most this many different products in a cart or an order (stock.reserve's limit). */
export const MAX_ORDER_LINES = 50;
