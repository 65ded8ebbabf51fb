import { commonTRPCError, DomainTRPCError, valueOrThrowWith } from "@shop/service-kit/trpc-errors";
import type { ProductError } from "../../../domain/errors";
import type { Result } from "@shop/kernel";
import type { Product } from "@shop/contracts";
import type { ProductWithCategory } from "../../../application/ports";
import { toProductDto } from "../../product-dto";

/** The edge where a domain error becomes a transport error: code, message, per-field hints. */
export function toTRPCError(e: ProductError): DomainTRPCError {
  switch (e.code) {
    case "VALIDATION_FAILED":
    case "NOT_FOUND":
      return commonTRPCError(e);
    case "SLUG_TAKEN":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: `The slug "${e.slug}" is already used`,
        fieldErrors: { slug: ["Another product already uses this slug"] },
      });
    case "UNKNOWN_CATEGORY":
      return new DomainTRPCError({
        code: "BAD_REQUEST",
        errorCode: e.code,
        message: `No category "${e.categorySlug}"`,
        fieldErrors: { categorySlug: ["Choose an existing category"] },
      });
    case "INSUFFICIENT_STOCK":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: `Only ${e.available} in stock; cannot remove ${e.requested}`,
        fieldErrors: { delta: [`Only ${e.available} in stock`] },
      });
    case "PRODUCT_ARCHIVED":
    case "STALE_PRODUCT":
      return new DomainTRPCError({ code: "CONFLICT", errorCode: e.code, message: e.message });
  }
}

/** Unwraps a use case's result for a procedure: the value, or the mapped error thrown. */
export const valueOrThrow = valueOrThrowWith(toTRPCError);

/** The same, for a product: its DTO. */
export const productOrThrow = (result: Result<ProductWithCategory, ProductError>): Product =>
  toProductDto(valueOrThrow(result));
