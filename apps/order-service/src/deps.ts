import { randomIds, systemClock } from "@shop/service-kit";
import type { OrderDeps } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { PgCartStore } from "./adapters/out/pg/cart-store";
import { PgSagaStore } from "./adapters/out/pg/saga-store";

/** The use cases' dependencies on PostgreSQL. */
export function orderDeps(db: Db, options: { stepTimeoutMs?: number } = {}): OrderDeps {
  return {
    store: new PgSagaStore(db),
    cart: new PgCartStore(db),
    clock: systemClock,
    ids: randomIds,
    stepTimeoutMs: options.stepTimeoutMs,
  };
}
