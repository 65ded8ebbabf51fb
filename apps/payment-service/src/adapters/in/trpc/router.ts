import { walletRoutes } from "./wallet";
import { opsRoutes, router } from "./trpc";

export const paymentServiceRouter = router({
  ops: opsRoutes,
  wallet: walletRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type PaymentServiceRouter = typeof paymentServiceRouter;
