import { randomUUID } from "node:crypto";
import { beforeEach } from "vitest";
import { createLogger } from "@shop/service-kit";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import type { Actor, CreateProductInput } from "@shop/contracts";
import { productServiceRouter } from "./router";
import { createCallerFactory } from "./trpc";
import type { ProductDeps } from "../../../application/ports";
import { truncateCatalog, useTestDatabase } from "../../../test/database";
import { CATEGORIES } from "../../../test/fixtures";

// What the router's test files share: the actors, a BFF's credentials, a broken store, a product.

/** Call once at the top of a test file: its own database, the categories reset before each test. */
export function useCatalogDatabase() {
  const t = useTestDatabase();
  beforeEach(async () => {
    await truncateCatalog(t.db);
    // Stored out of order: the listing orders categories by position.
    await t.db.category.createMany({
      data: CATEGORIES.map((c, position) => ({ ...c, position })).reverse(),
    });
  });
  return t;
}

export const log = createLogger("product-service-test", "silent");
export const createCaller = createCallerFactory(productServiceRouter);
/** The tests play the BFF: they hold its private key; the service verifies its own audience. */
export const bff = testCredentials();
export const auth = bff.verifier("product-service");
export const ADMIN: Actor = { role: "admin", userId: randomUUID() };
export const SHOPPER: Actor = { role: "shopper", userId: randomUUID() };
export const VISITOR: Actor = { role: "visitor" };

export const SECRET = "password=hunter2 at db.internal:5432";

/** Dependencies whose product store fails like a broken database would. */
export function brokenDeps(deps: ProductDeps): ProductDeps {
  const fail = async (): Promise<never> => {
    throw new Error(`connection refused (${SECRET})`);
  };
  return {
    ...deps,
    products: { insert: fail, update: fail, findById: fail, moveStock: fail, archive: fail },
    catalog: { list: fail, findById: fail, findBySlug: fail },
  };
}

export const mug = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
  name: "Ceramic Mug",
  description: "Stoneware",
  categorySlug: "kitchen",
  priceCents: 1_200,
  stock: 3,
  ...overrides,
});
