import { z } from "zod";

/** The shop sells in one currency. Amounts everywhere are integer minor units (cents). */
export const CURRENCY = "USD" as const;

export const MAX_PRICE_CENTS = 100_000_000; // $1,000,000.00: far above any catalog price

export const priceCents = z
  .int("Price must be a whole number of cents")
  .min(0, "Price cannot be negative")
  .max(MAX_PRICE_CENTS, "Price is too high");

export function formatPrice(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY }).format(
    cents / 100,
  );
}
