import "server-only";
import { adminProductRoutes } from "./routers/admin-products";
import { accountRoutes, authRoutes } from "./routers/auth";
import { catalogRoutes } from "./routers/catalog";
import { createCallerFactory, createContext, router, type RequestFacts } from "./trpc";

export const appRouter = router({
  catalog: catalogRoutes,
  auth: authRoutes,
  account: accountRoutes,
  admin: router({ products: adminProductRoutes }),
});

export type AppRouter = typeof appRouter;

const createCaller = createCallerFactory(appRouter);

/** Server components of the public catalog render through the BFF router as a visitor. */
export const serverCaller = createCaller(() => createContext());

/** For server components that need the signed-in user (pass the request's cookie in). */
export const callerFor = (facts: RequestFacts) => createCaller(createContext(facts));
