import { openParticipant, startParticipant } from "@shop/messaging";
import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { consumePaymentCommands } from "./adapters/in/messaging/payment-commands";
import { paymentServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb } from "./adapters/out/prisma/client";
import { paymentDeps } from "./deps";
import { env, messagingConfig } from "./env";

const log = createLogger("payment-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const { pool, transport } = openParticipant({ shutdown, env, log, name: "payment-service" });
const deps = paymentDeps(db);
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "payment-service");

// Consumer drains, then the relay stops and flushes the replies, then the inbox pruning.
const consume = () => consumePaymentCommands(transport, deps, log, messagingConfig);
shutdown.worker(
  "saga messaging",
  await startParticipant({ transport, pool, consume, log, ...messagingConfig }),
);
shutdown.worker(
  "http server",
  await startServiceServer({
    name: "payment-service",
    router: paymentServiceRouter,
    createContext: createContextFactory({ deps, log, verifier }),
    host: env.HOST,
    port: env.PORT,
    logger: log,
    readiness: { database: databaseCheck(db), broker: async () => transport.connected },
  }),
);
shutdown.closeOnSignals();
