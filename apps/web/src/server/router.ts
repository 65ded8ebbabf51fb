import "server-only";
import { adminAnalyticsRoutes } from "./routers/admin-analytics";
import { adminOpsRoutes } from "./routers/admin-ops";
import { adminProductRoutes } from "./routers/admin-products";
import { accountRoutes, authRoutes } from "./routers/auth";
import { cartRoutes } from "./routers/cart";
import { catalogRoutes } from "./routers/catalog";
import { adminCouponRoutes, couponRoutes } from "./routers/coupons";
import { adminOrderRoutes, orderRoutes } from "./routers/orders";
import { walletRoutes } from "./routers/wallet";
import { createCallerFactory, createContext, router, type RequestFacts } from "./trpc";

export const appRouter = router({
  catalog: catalogRoutes,
  auth: authRoutes,
  account: accountRoutes,
  wallet: walletRoutes,
  coupons: couponRoutes,
  cart: cartRoutes,
  orders: orderRoutes,
  admin: router({
    products: adminProductRoutes,
    coupons: adminCouponRoutes,
    orders: adminOrderRoutes,
    analytics: adminAnalyticsRoutes,
    ops: adminOpsRoutes,
  }),
});

export type AppRouter = typeof appRouter;

const createCaller = createCallerFactory(appRouter);

/** Server components of the public catalog render through the BFF router as a visitor. */
export const serverCaller = createCaller(() => createContext());

/** For server components that need the signed-in user (pass the request's cookie in). */
export const callerFor = (facts: RequestFacts) => createCaller(createContext(facts));
