import { z } from "zod";

export { CURRENCY, formatMoney } from "./display";

export const MAX_PRICE_CENTS = 100_000_000; // $1,000,000.00: far above any catalog price

export const priceCents = z
  .int("Price must be a whole number of cents")
  .min(0, "Price cannot be negative")
  .max(MAX_PRICE_CENTS, "Price is too high");
