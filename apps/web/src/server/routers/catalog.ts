import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { catalogQueryInput, slug } from "@shop/contracts";
import { z } from "zod";
import { publicProcedure } from "../trpc";

/** What shoppers see: active products only, whatever they ask for. */
export const catalogRoutes = {
  categories: publicProcedure.query(({ ctx }) => ctx.services.product.categories.list.query()),
  list: publicProcedure
    .input(catalogQueryInput)
    .query(({ ctx, input }) =>
      ctx.services.product.products.list.query({ ...input, status: "active" }),
    ),
  product: publicProcedure.input(z.object({ slug })).query(async ({ ctx, input }) => {
    const product = await ctx.services.product.products.get.query({ slug: input.slug });
    if (product.status !== "active")
      throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    return product;
  }),
} satisfies TRPCRouterRecord;
