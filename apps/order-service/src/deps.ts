import { randomIds, systemClock } from "@shop/service-kit";
import type { ExportDeps } from "./application/export-ports";
import type { OrderDeps } from "./application/ports";
import { HttpDataPlatform } from "./adapters/out/http/data-platform";
import type { Db } from "./adapters/out/prisma/client";
import { PrismaExportStore } from "./adapters/out/prisma/export-store";
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

/**
 * The export of completed orders to the data platform: recorded from order.completed, sent by
 * a job with backoff, apart from the saga (a platform that is down never holds up a checkout).
 * No URL: completed orders are recorded, not sent (`platform` null).
 */
export function exportDeps(
  db: Db,
  platform: { url: string; timeoutMs: number },
): Omit<ExportDeps, "platform"> & { platform: ExportDeps["platform"] | null } {
  return {
    exports: new PrismaExportStore(db),
    platform: platform.url ? new HttpDataPlatform(platform) : null,
    clock: systemClock,
  };
}
