import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { createDb } from "./adapters/out/prisma/client";
import { couponServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { couponDeps } from "./deps";
import { batching, env, messagingConfig } from "./env";
import { openMessaging, startCouponMessaging } from "./messaging";

const log = createLogger("coupon-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const { pool, transport } = openMessaging(shutdown, env, log);
const deps = couponDeps(db, { batching });
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "coupon-service");

// Consumer, then relay, in that order (messaging.ts); claims drain alongside the HTTP server.
shutdown.worker(
  "saga messaging",
  await startCouponMessaging({ transport, pool, deps, log, ...messagingConfig }),
);
shutdown.worker("claim batcher", deps.claims);
shutdown.worker(
  "http server",
  await startServiceServer({
    name: "coupon-service",
    router: couponServiceRouter,
    createContext: createContextFactory({ deps, log, verifier }),
    host: env.HOST,
    port: env.PORT,
    logger: log,
    readiness: { database: databaseCheck(db), broker: async () => transport.connected },
  }),
);
shutdown.closeOnSignals();
