import { randomIds, systemClock } from "@shop/service-kit";
import type { Clock } from "@shop/kernel";
import type { ProductDeps } from "./application/ports";
import type { SalesWindow } from "./domain/sales";
import type { Db } from "./adapters/out/prisma/client";
import { CachedSalesView } from "./adapters/out/cached-sales-view";
import { PrismaCatalogView } from "./adapters/out/prisma/catalog-view";
import { PrismaCategoryRepository } from "./adapters/out/prisma/category-repository";
import { PrismaProductRepository } from "./adapters/out/prisma/product-repository";
import { PrismaReadModelStore } from "./adapters/out/prisma/read-model-store";
import { pgStockCommandRunner } from "./adapters/out/pg/stock-command-runner";
import { PrismaSalesView } from "./adapters/out/prisma/sales-view";

export const DEFAULT_SALES_WINDOW: SalesWindow = { days: 3, timeZone: "UTC" };

export function productDeps(
  db: Db,
  salesWindow: SalesWindow = DEFAULT_SALES_WINDOW,
  clock: Clock = systemClock,
  /** How long the top products are kept (CachedSalesView); tests read through at once. */
  popularCacheMs = 0,
): ProductDeps {
  return {
    products: new PrismaProductRepository(db),
    categories: new PrismaCategoryRepository(db),
    saga: pgStockCommandRunner(db, clock),
    catalog: new PrismaCatalogView(db),
    sales: new CachedSalesView(new PrismaSalesView(db), popularCacheMs),
    readModels: new PrismaReadModelStore(db),
    salesWindow,
    clock,
    ids: randomIds,
  };
}
