/** Everything that can go wrong for a business reason in the catalog, as plain values. */
export type ProductError =
  | { code: "VALIDATION_FAILED"; fieldErrors: Record<string, string[]> }
  | { code: "NOT_FOUND"; message: string }
  | { code: "SLUG_TAKEN"; slug: string }
  | { code: "UNKNOWN_CATEGORY"; categorySlug: string }
  | { code: "INSUFFICIENT_STOCK"; available: number; requested: number }
  | { code: "PRODUCT_ARCHIVED"; message: string };

export const productNotFound = (ref: string): ProductError => ({
  code: "NOT_FOUND",
  message: `No product ${ref}`,
});
