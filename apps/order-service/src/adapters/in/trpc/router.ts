import { cartRoutes } from "./cart";
import { adminOrderRoutes, adminSagaRoutes, orderRoutes } from "./orders";
import { opsRoutes, router } from "./trpc";

export const orderServiceRouter = router({
  ops: opsRoutes,
  cart: cartRoutes,
  orders: orderRoutes,
  admin: router({ orders: adminOrderRoutes, sagas: adminSagaRoutes }),
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type OrderServiceRouter = typeof orderServiceRouter;
