import { COUPON_COMMANDS } from "@shop/contracts";
import { queueFor, sagaMessaging, type Broker } from "@shop/messaging";
import type { ServiceDescription } from "@shop/service-kit/service";
import { couponCommandHandlers } from "./adapters/in/messaging/coupon-commands";
import { couponServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb, type Db } from "./adapters/out/prisma/client";
import type { CouponDeps } from "./application/ports";
import { couponDeps } from "./deps";
import type { CouponConfig } from "./env";

/** Coupons: campaigns and claims (through the claim batcher), and the saga's use and restore. */
export function couponService(
  { env, batching, messagingConfig }: CouponConfig,
  broker: Broker = { url: env.RABBITMQ_URL },
): ServiceDescription<Db, ReturnType<typeof couponDeps>> {
  return {
    name: "coupon-service",
    config: env,
    database: createDb,
    deps: (db: Db) => couponDeps(db, { batching }),
    api: { router: couponServiceRouter, createContext: createContextFactory },
    parts: [
      sagaMessaging({
        broker,
        inboxKeepMs: messagingConfig.inboxKeepMs,
        consumers: (deps: CouponDeps) => [
          {
            queue: queueFor(COUPON_COMMANDS),
            handlers: couponCommandHandlers(deps),
            prefetch: messagingConfig.prefetch,
          },
        ],
      }),
      // Stopped after the HTTP server: the claims in flight are answered first.
      { name: "claim batcher", start: ({ deps }) => deps.claims },
    ],
  };
}
