import { notFound, type CommonError } from "@shop/kernel";

/** Everything that can go wrong for a business reason in the catalog, as plain values. */
export type ProductError =
  | CommonError
  | { code: "SLUG_TAKEN"; slug: string }
  | { code: "UNKNOWN_CATEGORY"; categorySlug: string }
  | { code: "INSUFFICIENT_STOCK"; available: number; requested: number }
  | { code: "PRODUCT_ARCHIVED"; message: string }
  | { code: "STALE_PRODUCT"; message: string };

export const productNotFound = (ref: string): ProductError => notFound(`No product ${ref}`);
