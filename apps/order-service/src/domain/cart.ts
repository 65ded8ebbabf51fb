/*
 * The cart's limits. The contract (@shop/contracts, order.ts and stock.ts) states the same
 * numbers for forms and the API; adapters/in/trpc/limits-agree.test.ts holds the copies equal.
 */

/** At most this many of one product in a cart or an order line. */
export const MAX_CART_QUANTITY = 99;

/** At most this many different products in a cart or an order (stock.reserve's limit). */
export const MAX_ORDER_LINES = 50;

/**
 * How long an order stays the answer to placing its (now empty) cart again with another key: a
 * second tab or a second click that reads the cart just after the first placed it is shown that
 * order, not "Your cart is empty". Later, an empty cart is just empty.
 */
export const JUST_ORDERED_MS = 60_000;

export const wasJustOrdered = (placedAt: Date, now: Date) =>
  now.getTime() - placedAt.getTime() <= JUST_ORDERED_MS;
