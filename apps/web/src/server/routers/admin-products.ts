import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { revalidatePath } from "next/cache";
import {
  adjustStockInput,
  archiveProductInput,
  createProductInput,
  listProductsInput,
  productId,
  updateProductInput,
  type Product,
} from "@shop/contracts";
import { z } from "zod";
import { adminProcedure } from "../trpc";

/**
 * Storefront pages are cached (ISR); a change made here must show at once, so every
 * successful write drops the cached pages. The next visitor renders them afresh.
 */
function refreshStorefront(product: Product): Product {
  revalidatePath("/", "layout");
  return product;
}

export const adminProductRoutes = {
  list: adminProcedure
    .input(listProductsInput)
    .query(({ ctx, input }) => ctx.services.product.products.list.query(input)),
  get: adminProcedure
    .input(z.object({ id: productId }))
    .query(({ ctx, input }) => ctx.services.product.products.get.query(input)),
  create: adminProcedure
    .input(createProductInput)
    .mutation(async ({ ctx, input }) =>
      refreshStorefront(await ctx.services.product.products.create.mutate(input)),
    ),
  update: adminProcedure
    .input(updateProductInput)
    .mutation(async ({ ctx, input }) =>
      refreshStorefront(await ctx.services.product.products.update.mutate(input)),
    ),
  archive: adminProcedure
    .input(archiveProductInput)
    .mutation(async ({ ctx, input }) =>
      refreshStorefront(await ctx.services.product.products.archive.mutate(input)),
    ),
  adjustStock: adminProcedure
    .input(adjustStockInput)
    .mutation(async ({ ctx, input }) =>
      refreshStorefront(await ctx.services.product.products.adjustStock.mutate(input)),
    ),
} satisfies TRPCRouterRecord;
