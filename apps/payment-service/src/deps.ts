import { randomIds, systemClock } from "@shop/service-kit";
import type { PaymentDeps } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { PgPaymentStore } from "./adapters/out/pg/payment-store";

/** The use cases' dependencies on PostgreSQL. */
export function paymentDeps(db: Db): PaymentDeps {
  return { store: new PgPaymentStore(db, systemClock), clock: systemClock, ids: randomIds };
}
