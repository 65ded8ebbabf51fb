import { randomIds, systemClock } from "@shop/service-kit";
import type { ProductDeps } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { PrismaCategoryRepository } from "./adapters/out/prisma/category-repository";
import { PrismaProductRepository } from "./adapters/out/prisma/product-repository";
import { PrismaSagaCommands } from "./adapters/out/prisma/saga-store";

export function productDeps(db: Db): ProductDeps {
  return {
    products: new PrismaProductRepository(db),
    categories: new PrismaCategoryRepository(db),
    saga: new PrismaSagaCommands(db, systemClock),
    clock: systemClock,
    ids: randomIds,
  };
}
