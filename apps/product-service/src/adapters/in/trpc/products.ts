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
import { productNotFound } from "../../../domain/errors";
import { productOrThrow, toDto, toTRPCError } from "./map";
import { adminProcedure, callerProcedure } from "./trpc";

export const productRoutes = {
  list: callerProcedure
    .input(listProductsInput)
    .query(async ({ ctx, input }): Promise<ProductPage> => {
      // Archived products are for admins; anyone else sees the active catalog whatever they ask.
      const filter = ctx.actor.role === "admin" ? input : { ...input, status: "active" as const };
      const page = await listProducts(ctx.deps, filter);
      return { ...page, items: page.items.map(toDto) };
    }),
  get: callerProcedure.input(getProductInput).query(async ({ ctx, input }) => {
    const product = productOrThrow(await getProduct(ctx.deps, input));
    if (product.status === "archived" && ctx.actor.role !== "admin")
      throw toTRPCError(productNotFound("id" in input ? `with id ${input.id}` : `"${input.slug}"`));
    return product;
  }),
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
