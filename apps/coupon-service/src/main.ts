import { openParticipant, startParticipant } from "@shop/messaging";
import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { consumeCouponCommands } from "./adapters/in/messaging/coupon-commands";
import { createDb } from "./adapters/out/prisma/client";
import { couponServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { couponDeps } from "./deps";
import { batching, env, messagingConfig } from "./env";

const log = createLogger("coupon-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const { pool, transport } = openParticipant({ shutdown, env, log, name: "coupon-service" });
const deps = couponDeps(db, { batching });
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "coupon-service");

// Consumer drains, relay stops and flushes, then inbox pruning; claims drain alongside HTTP.
const consume = () => consumeCouponCommands({ transport, deps, log, ...messagingConfig });
shutdown.worker(
  "saga messaging",
  await startParticipant({ transport, pool, consume, log, ...messagingConfig }),
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
