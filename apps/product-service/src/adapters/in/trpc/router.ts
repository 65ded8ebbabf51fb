import { categoryRoutes } from "./categories";
import { analyticsRoutes, productRoutes } from "./products";
import { opsRoutes, router } from "./trpc";

export const productServiceRouter = router({
  ops: opsRoutes,
  products: productRoutes,
  categories: categoryRoutes,
  analytics: analyticsRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type ProductServiceRouter = typeof productServiceRouter;
