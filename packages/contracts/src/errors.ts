/**
 * Business outcomes that cross a process boundary as a code, so the BFF and the browser can
 * react to them without parsing messages. A service maps its domain errors onto these.
 */
export const errorCodes = [
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "SLUG_TAKEN",
  "UNKNOWN_CATEGORY",
  "INSUFFICIENT_STOCK",
  "PRODUCT_ARCHIVED",
  "STALE_PRODUCT",
  "AMOUNT_TOO_LARGE",
  "BALANCE_LIMIT",
  "IDEMPOTENCY_KEY_REUSED",
  "SERVICE_UNAVAILABLE",
  "EMAIL_TAKEN",
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CAMPAIGN_NOT_STARTED",
  "CAMPAIGN_ENDED",
  "SOLD_OUT",
  "ALREADY_CLAIMED",
  "CART_CHANGED",
  "DEAD_LETTER_RESOLVED",
  /** After the sale (after-sale.ts): the order shipped already, or was cancelled. */
  "ORDER_NOT_CANCELLABLE",
  /** Ship/deliver/refund asked of an order not in a state that allows it. */
  "ORDER_STATE_CONFLICT",
  /** Everything asked for was refunded already (by another refund, perhaps at the same time). */
  "ALREADY_REFUNDED",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Per-field messages, keyed by the input's field path ("priceCents", "name"). */
export type FieldErrors = Record<string, string[]>;

/** The `data` extension every tRPC server of the shop adds to its error shape. */
export interface ShopErrorData {
  code: string;
  httpStatus: number;
  errorCode?: ErrorCode;
  fieldErrors?: FieldErrors;
  /** For RATE_LIMITED: seconds until the next attempt is accepted. */
  retryAfterSeconds?: number;
}
