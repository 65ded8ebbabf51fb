import { openParticipant, startParticipant } from "@shop/messaging";
import {
  createLogger,
  createShutdown,
  databaseCheck,
  internalCredentialVerifier,
  startServiceServer,
} from "@shop/service-kit";
import { startDeadlineJob } from "./adapters/in/jobs/deadlines";
import { consumeReplies, ORDER_REPLIES } from "./adapters/in/messaging/reply-consumer";
import { orderServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb } from "./adapters/out/prisma/client";
import { startDataExport } from "./data-export";
import { orderDeps } from "./deps";
import { env, exportConfig, messagingConfig } from "./env";

const log = createLogger("order-service", env.LOG_LEVEL);
// On SIGTERM: workers stop taking work and drain (the last registered first), then resources
// close, the last opened first.
const shutdown = createShutdown(log);
const db = shutdown.resource("database", createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
const { pool, transport } = openParticipant({ shutdown, env, log, name: "order-service" });
const deps = orderDeps(db, { stepTimeoutMs: env.SAGA_STEP_TIMEOUT_MS });
const verifier = internalCredentialVerifier(env.INTERNAL_AUTH_PUBLIC_KEY, "order-service");

// Workers stop at once, so the saga's two are one: the deadline job finishes its run first (its
// commands are in the outbox), then the reply consumer drains, then the relay stops and flushes
// the commands, then the inbox pruning. The consumer starts first: on a restart, the replies
// that came while no orchestrator ran are handled before the deadline job resumes what waits.
const since = new Date();
const consume = () => consumeReplies(transport, deps, log, messagingConfig);
const messaging = await startParticipant({ transport, pool, consume, log, ...messagingConfig });
const deadlines = startDeadlineJob(deps, log, {
  everyMs: env.DEADLINE_SCAN_MS,
  since,
  repliesWaiting: () => transport.depth(ORDER_REPLIES),
});
shutdown.worker("saga", async () => {
  await deadlines.stop();
  await messaging.stop();
});
// Completed orders to the data platform: recorded from order.completed, sent by a job with
// backoff; apart from the saga, so a platform that is down never holds up a checkout.
shutdown.worker("data export", await startDataExport({ db, transport, log, config: exportConfig }));
shutdown.worker(
  "http server",
  await startServiceServer({
    name: "order-service",
    router: orderServiceRouter,
    createContext: createContextFactory({ deps, log, verifier }),
    host: env.HOST,
    port: env.PORT,
    logger: log,
    readiness: { database: databaseCheck(db), broker: async () => transport.connected },
  }),
);
shutdown.closeOnSignals();
