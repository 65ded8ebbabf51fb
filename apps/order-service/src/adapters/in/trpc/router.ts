import { router } from "./trpc";

/** No procedure yet: the API (orders.place, orders.mine, ...) is in the README's next steps. */
export const orderServiceRouter = router({});

export type OrderServiceRouter = typeof orderServiceRouter;
