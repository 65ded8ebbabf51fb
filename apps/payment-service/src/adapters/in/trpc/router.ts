import { walletRoutes } from "./wallet";
import { router } from "./trpc";

export const paymentServiceRouter = router({
  wallet: walletRoutes,
});

/** The type the BFF's client is built from; imported as a type only, never at run time. */
export type PaymentServiceRouter = typeof paymentServiceRouter;
