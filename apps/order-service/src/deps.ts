import { randomIds, systemClock } from "@shop/service-kit";
import type { OrderDeps } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { PrismaCartStore } from "./adapters/out/prisma/cart-store";
import { PrismaSagaStore } from "./adapters/out/prisma/saga-store";

/** The use cases' dependencies on PostgreSQL. */
export function orderDeps(db: Db, options: { stepTimeoutMs?: number } = {}): OrderDeps {
  return {
    store: new PrismaSagaStore(db),
    cart: new PrismaCartStore(db),
    clock: systemClock,
    ids: randomIds,
    stepTimeoutMs: options.stepTimeoutMs,
  };
}
