import type { TRPCRouterRecord } from "@trpc/server";
import {
  adjustStockInput,
  archiveProductInput,
  createProductInput,
  getProductInput,
  listProductsInput,
  popularProductsInput,
  updateProductInput,
  type PopularProducts,
  type ProductPage,
  type SalesAnalytics,
} from "@shop/contracts";
import { popularProducts } from "../../../application/popular-products";
import { salesAnalytics } from "../../../application/sales-analytics";
import { adjustStock } from "../../../application/adjust-stock";
import { archiveProduct } from "../../../application/archive-product";
import { createProduct } from "../../../application/create-product";
import { getProduct } from "../../../application/get-product";
import { listProducts } from "../../../application/list-products";
import { updateProduct } from "../../../application/update-product";
import { toProductDto } from "../../product-dto";
import { productOrThrow } from "./map";
import type { ProductWithCategory } from "../../../application/ports";
import { adminProcedure, callerProcedure } from "./trpc";

export const productRoutes = {
  // Who may see archived products is the use cases' decision (domain/product.ts,
  // maySeeArchived): the procedures pass the credential's actor through.
  list: callerProcedure
    .input(listProductsInput)
    .query(async ({ ctx, input }): Promise<ProductPage> => {
      const page = await listProducts(ctx.deps, input, ctx.actor);
      return { ...page, items: page.items.map(toProductDto) };
    }),
  get: callerProcedure
    .input(getProductInput)
    .query(async ({ ctx, input }) => productOrThrow(await getProduct(ctx.deps, input, ctx.actor))),
  create: adminProcedure
    .input(createProductInput)
    .mutation(async ({ ctx, input }) => productOrThrow(await createProduct(ctx.deps, input))),
  update: adminProcedure
    .input(updateProductInput)
    .mutation(async ({ ctx, input: { id, expectedVersion, ...changes } }) =>
      productOrThrow(await updateProduct(ctx.deps, id, changes, expectedVersion)),
    ),
  archive: adminProcedure
    .input(archiveProductInput)
    .mutation(async ({ ctx, input }) =>
      productOrThrow(await archiveProduct(ctx.deps, input.id, input.expectedVersion)),
    ),
  adjustStock: adminProcedure
    .input(adjustStockInput)
    .mutation(async ({ ctx, input }) =>
      productOrThrow(await adjustStock(ctx.deps, input.id, input.delta)),
    ),
  // The query side's sales (read models fed by order.completed, net of order.cancelled and
  // order.refunded), for "Popular now" and the "Popular" sort: active products only unless an
  // admin asks.
  popular: callerProcedure
    .input(popularProductsInput)
    .query(async ({ ctx, input }): Promise<PopularProducts> => {
      const popular = await popularProducts(ctx.deps, ctx.actor, input.limit);
      return { ...popular, items: popular.items.map(toPopular) };
    }),
} satisfies TRPCRouterRecord;

const toPopular = (i: {
  rank: number;
  units: number;
  revenueCents: number;
  product: ProductWithCategory;
}) => ({
  rank: i.rank,
  unitsSold: i.units,
  revenueCents: i.revenueCents,
  product: toProductDto(i.product),
});

/**
 * The admin's analytics: the top products over the window and their daily units, net of
 * cancellations and refunds. Each item also carries what was returned of the window's sales
 * (`returnedUnits`, `returnedRevenueCents`, gross as revenueCents): beyond the contract's
 * SalesAnalytics for now, which a reader may pick up.
 */
export const analyticsRoutes = {
  sales: adminProcedure.query(async ({ ctx }): Promise<SalesAnalytics> => {
    const analytics = await salesAnalytics(ctx.deps, ctx.actor);
    return {
      ...analytics,
      items: analytics.items.map((i) => ({
        ...toPopular(i),
        returnedUnits: i.returnedUnits,
        returnedRevenueCents: i.returnedRevenueCents,
      })),
    };
  }),
} satisfies TRPCRouterRecord;
