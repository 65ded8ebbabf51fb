import type { TRPCRouterRecord } from "@trpc/server";
import {
  adjustStockInput,
  archiveProductInput,
  createProductInput,
  getProductInput,
  listProductsInput,
  updateProductInput,
  type ProductPage,
} from "@shop/contracts";
import { adjustStock } from "../../../application/adjust-stock";
import { archiveProduct } from "../../../application/archive-product";
import { createProduct } from "../../../application/create-product";
import { getProduct } from "../../../application/get-product";
import { listProducts } from "../../../application/list-products";
import { updateProduct } from "../../../application/update-product";
import { productOrThrow, toDto } from "./map";
import { adminProcedure, callerProcedure } from "./trpc";

export const productRoutes = {
  // Who may see archived products is the use cases' decision (domain/product.ts,
  // maySeeArchived): the procedures pass the credential's actor through.
  list: callerProcedure
    .input(listProductsInput)
    .query(async ({ ctx, input }): Promise<ProductPage> => {
      const page = await listProducts(ctx.deps, input, ctx.actor);
      return { ...page, items: page.items.map(toDto) };
    }),
  get: callerProcedure
    .input(getProductInput)
    .query(async ({ ctx, input }) => productOrThrow(await getProduct(ctx.deps, input, ctx.actor))),
  create: adminProcedure
    .input(createProductInput)
    .mutation(async ({ ctx, input }) => productOrThrow(await createProduct(ctx.deps, input))),
  update: adminProcedure
    .input(updateProductInput)
    .mutation(async ({ ctx, input: { id, ...changes } }) =>
      productOrThrow(await updateProduct(ctx.deps, id, changes)),
    ),
  archive: adminProcedure
    .input(archiveProductInput)
    .mutation(async ({ ctx, input }) => productOrThrow(await archiveProduct(ctx.deps, input.id))),
  adjustStock: adminProcedure
    .input(adjustStockInput)
    .mutation(async ({ ctx, input }) =>
      productOrThrow(await adjustStock(ctx.deps, input.id, input.delta)),
    ),
} satisfies TRPCRouterRecord;
