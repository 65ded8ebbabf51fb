import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { catalogQueryInput, popularProductsInput, slug, type Category } from "@shop/contracts";
import { z } from "zod";
import { keptFor } from "../catalog/kept-for";
import { publicProcedure } from "../trpc";

/** How long the BFF keeps the categories (src/server/catalog/kept-for.ts says why). */
const CATEGORIES_KEPT_MS = 60_000;

/** Everyone sees the same categories: one answer serves every caller for a minute. */
const keptCategories = keptFor<Category[]>(CATEGORIES_KEPT_MS);

/**
 * What the storefront shows. Its pages are cached for everyone, so it asks product-service as a
 * visitor (ctx.services), whoever is signed in; who may see archived products is decided there
 * (a visitor: never), so the answers pass through unchanged.
 */
export const catalogRoutes = {
  categories: publicProcedure.query(({ ctx }) =>
    keptCategories(() => ctx.services.product.categories.list.query()),
  ),
  list: publicProcedure
    .input(catalogQueryInput)
    .query(({ ctx, input }) => ctx.services.product.products.list.query(input)),
  product: publicProcedure
    .input(z.object({ slug }))
    .query(({ ctx, input }) => ctx.services.product.products.get.query({ slug: input.slug })),
  /** "Popular now": the best sellers of the window (product-service's sales read model). */
  popular: publicProcedure
    .input(popularProductsInput)
    .query(({ ctx, input }) => ctx.services.product.products.popular.query(input)),
} satisfies TRPCRouterRecord;
