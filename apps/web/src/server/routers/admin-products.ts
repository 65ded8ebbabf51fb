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
import { TRPCClientError } from "@trpc/client";
import { dropCachedPages } from "../../http/page-cache";
import { whenProjected } from "../catalog/when-projected";
import type { Services } from "../services";
import { adminProcedure } from "../trpc";

/**
 * Storefront pages are cached (ISR, and for a few seconds by the front: src/http/page-cache.ts);
 * a change made here must show at once, so every successful write drops both, once the catalog
 * view has the change (see whenProjected). The next visitor renders them afresh.
 */
async function refreshStorefront(
  ctx: { services: Services },
  product: Promise<Product>,
): Promise<Product> {
  const written = await product;
  await whenProjected(written, async (id) => {
    try {
      return await ctx.services.product.products.get.query({ id });
    } catch (e) {
      if (e instanceof TRPCClientError && e.data?.code === "NOT_FOUND") return null;
      throw e;
    }
  });
  revalidatePath("/", "layout");
  dropCachedPages();
  return written;
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
    .mutation(({ ctx, input }) =>
      refreshStorefront(ctx, ctx.services.product.products.create.mutate(input)),
    ),
  update: adminProcedure
    .input(updateProductInput)
    .mutation(({ ctx, input }) =>
      refreshStorefront(ctx, ctx.services.product.products.update.mutate(input)),
    ),
  archive: adminProcedure
    .input(archiveProductInput)
    .mutation(({ ctx, input }) =>
      refreshStorefront(ctx, ctx.services.product.products.archive.mutate(input)),
    ),
  adjustStock: adminProcedure
    .input(adjustStockInput)
    .mutation(({ ctx, input }) =>
      refreshStorefront(ctx, ctx.services.product.products.adjustStock.mutate(input)),
    ),
} satisfies TRPCRouterRecord;
