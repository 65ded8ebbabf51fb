import { openParticipant, startParticipant } from "@shop/messaging";
import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
  systemClock,
} from "@shop/service-kit";
import { consumeProjections } from "./adapters/in/messaging/projections";
import { consumeStockCommands } from "./adapters/in/messaging/stock-commands";
import { createDb } from "./adapters/out/prisma/client";
import { productServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { productDeps } from "./deps";
import { env, messagingConfig, salesWindow } from "./env";

const log = createLogger("product-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const { pool, transport } = openParticipant({ shutdown, env, log, name: "product-service" });
const deps = productDeps(db, salesWindow, systemClock, env.POPULAR_CACHE_MS);
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "product-service");

// Consumers drain (saga commands, then the projector), relay stops and flushes, then pruning.
const consume = async () => {
  const commands = await consumeStockCommands({ transport, deps, log, ...messagingConfig });
  const projector = await consumeProjections({ transport, deps, log, ...messagingConfig });
  return { close: () => Promise.all([commands.close(), projector.close()]).then(() => {}) };
};
shutdown.worker(
  "saga messaging",
  await startParticipant({ transport, pool, consume, log, ...messagingConfig }),
);
shutdown.worker(
  "http server",
  await startServiceServer({
    name: "product-service",
    router: productServiceRouter,
    createContext: createContextFactory({ deps, log, verifier }),
    host: env.HOST,
    port: env.PORT,
    logger: log,
    readiness: { database: databaseCheck(db), broker: async () => transport.connected },
  }),
);
shutdown.closeOnSignals();
