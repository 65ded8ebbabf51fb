/*
 * What the storefront's client islands on every catalog page need from the contracts, with no
 * zod: importing the package's index into a browser bundle ships all of zod (35 KB gzip, on
 * every page, measured). Everything here is re-exported by the index too.
 */

/** The shop sells in one currency. Amounts everywhere are integer minor units (cents). */
export const CURRENCY = "USD" as const;

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY });

export function formatPrice(cents: number): string {
  return usd.format(cents / 100);
}

/** At most this many of one product in a cart (a shop, not a wholesaler). */
export const MAX_CART_QUANTITY = 99;
