/*
 * What the storefront's client islands on every catalog page need from the contracts, with no
 * zod: importing the package's index into a browser bundle ships all of zod (35 KB gzip, on
 * every page, measured). Everything here is re-exported by the index too.
 */

// Money is formatted by the kernel, which a domain may import too.
export { CURRENCY, formatMoney } from "@shop/kernel";

/** At most this many of one product in a cart (a shop, not a wholesaler). */
export const MAX_CART_QUANTITY = 99;
