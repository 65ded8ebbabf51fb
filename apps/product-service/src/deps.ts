import { randomIds, systemClock } from "@shop/service-kit";
import type { ProductDeps } from "./application/ports";
import type { Db } from "./adapters/out/prisma/client";
import { PrismaCategoryRepository } from "./adapters/out/prisma/category-repository";
import { PrismaProductRepository } from "./adapters/out/prisma/product-repository";

export function productDeps(db: Db): ProductDeps {
  return {
    products: new PrismaProductRepository(db),
    categories: new PrismaCategoryRepository(db),
    clock: systemClock,
    ids: randomIds,
  };
}
