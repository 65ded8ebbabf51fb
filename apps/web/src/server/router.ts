import "server-only";
import { adminProductRoutes } from "./routers/admin-products";
import { catalogRoutes } from "./routers/catalog";
import { createCallerFactory, createContext, router } from "./trpc";

export const appRouter = router({
  catalog: catalogRoutes,
  admin: router({ products: adminProductRoutes }),
});

export type AppRouter = typeof appRouter;

/** Server components render through the same router the browser calls. */
export const serverCaller = createCallerFactory(appRouter)(createContext);
