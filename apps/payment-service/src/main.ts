import { RabbitTransport, startOutboxRelay } from "@shop/messaging";
import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { startInboxPruning } from "./adapters/in/jobs/inbox-pruning";
import { consumePaymentCommands } from "./adapters/in/messaging/payment-commands";
import { paymentServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb, createOutboxPool } from "./adapters/out/prisma/client";
import { paymentDeps } from "./deps";
import { env } from "./env";

const log = createLogger("payment-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain, then resources close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const outboxPool = shutdown.resource("outbox pool", createOutboxPool(env.DATABASE_URL, log));
const transport = shutdown.resource(
  "broker",
  new RabbitTransport({ url: env.RABBITMQ_URL, log, connectionName: "payment-service" }),
);
const deps = paymentDeps(db);
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "payment-service");

const relay = startOutboxRelay({ pool: outboxPool, transport, log });
const commands = await consumePaymentCommands(transport, deps, log, {
  prefetch: env.COMMAND_CONCURRENCY,
});
// Stop consuming and drain the handlers in flight, then the relay (their replies are committed
// in the outbox with their change: sent now, or at the next start).
shutdown.worker("saga messaging", () => commands.close().then(() => relay.stop()));
shutdown.worker("inbox pruning", startInboxPruning(outboxPool, log));
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
