import { ORDER_DATA_EXPORT, ORDER_REPLIES } from "@shop/contracts";
import { queueFor, sagaMessaging, type Broker } from "@shop/messaging";
import type { ServiceDescription } from "@shop/service-kit/service";
import { startDeadlineJob } from "./adapters/in/jobs/deadlines";
import { startExportJobs } from "./adapters/in/jobs/export";
import { exportHandlers } from "./adapters/in/messaging/export-handlers";
import { replyHandlers } from "./adapters/in/messaging/reply-handlers";
import { orderServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb, type Db } from "./adapters/out/prisma/client";
import { exportDeps, orderDeps } from "./deps";
import type { OrderConfig } from "./env";

/** The checkout saga's orchestrator, and the export of completed orders to the data platform. */
export function orderService(
  { env, messagingConfig, exportConfig }: OrderConfig,
  broker: Broker = { url: env.RABBITMQ_URL },
) {
  const deps = (db: Db) => ({
    ...orderDeps(db, { stepTimeoutMs: env.SAGA_STEP_TIMEOUT_MS }),
    export: exportDeps(db, exportConfig),
  });
  const replies = queueFor(ORDER_REPLIES);
  const messaging = sagaMessaging({
    broker,
    inboxKeepMs: messagingConfig.inboxKeepMs,
    consumers: (d: ReturnType<typeof deps>, log) => [
      { queue: replies, handlers: replyHandlers(d, log), prefetch: messagingConfig.prefetch },
      { queue: queueFor(ORDER_DATA_EXPORT), handlers: exportHandlers(d.export), prefetch: 5 },
    ],
  });
  // The replies that came while no orchestrator ran are handled before the deadline job
  // resumes the sagas waiting since before this start (jobs start after the consumers).
  const since = new Date();
  const service: ServiceDescription<Db, ReturnType<typeof deps>> = {
    name: "order-service",
    config: env,
    database: createDb,
    deps,
    api: { router: orderServiceRouter, createContext: createContextFactory },
    parts: [
      messaging,
      {
        name: "deadlines",
        start: ({ deps: d, log }) =>
          startDeadlineJob(d, log, {
            everyMs: env.DEADLINE_SCAN_MS,
            since,
            repliesWaiting: async () => (await messaging.transport.stats(replies)).messages,
          }),
      },
      {
        name: "data export",
        start: ({ deps: d, log }) => startExportJobs(d.export, log, exportConfig),
      },
    ],
  };
  return service;
}
