import { PRODUCT_COMMANDS, PRODUCT_PROJECTIONS } from "@shop/contracts";
import { queueFor, sagaMessaging, type Broker } from "@shop/messaging";
import { systemClock } from "@shop/service-kit";
import type { ServiceDescription } from "@shop/service-kit/service";
import { projectionHandlers } from "./adapters/in/messaging/projections";
import { stockCommandHandlers } from "./adapters/in/messaging/stock-commands";
import { productServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb, type Db } from "./adapters/out/prisma/client";
import type { ProductDeps } from "./application/ports";
import { productDeps } from "./deps";
import type { ProductConfig } from "./env";

/** The catalog and its stock: the API, the saga's stock commands, and the read models' projector. */
export function productService(
  { env, messagingConfig, salesWindow }: ProductConfig,
  broker: Broker = { url: env.RABBITMQ_URL },
): ServiceDescription<Db, ProductDeps> {
  return {
    name: "product-service",
    config: env,
    database: createDb,
    deps: (db: Db) => productDeps(db, salesWindow, systemClock, env.POPULAR_CACHE_MS),
    api: { router: productServiceRouter, createContext: createContextFactory },
    parts: [
      sagaMessaging({
        broker,
        inboxKeepMs: messagingConfig.inboxKeepMs,
        consumers: (deps: ProductDeps) => [
          {
            queue: queueFor(PRODUCT_COMMANDS),
            handlers: stockCommandHandlers(deps),
            prefetch: messagingConfig.prefetch,
          },
          {
            queue: queueFor(PRODUCT_PROJECTIONS),
            handlers: projectionHandlers(deps),
            prefetch: messagingConfig.prefetch,
          },
        ],
      }),
    ],
  };
}
