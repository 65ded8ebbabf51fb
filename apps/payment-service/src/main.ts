import { PAYMENT_COMMANDS } from "@shop/contracts";
import { queueFor, sagaMessaging } from "@shop/messaging";
import { runUntilSignalled, startService } from "@shop/service-kit/service";
import { paymentCommandHandlers } from "./adapters/in/messaging/payment-commands";
import { paymentServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb } from "./adapters/out/prisma/client";
import type { PaymentDeps } from "./application/ports";
import { paymentDeps } from "./deps";
import { env, messagingConfig } from "./env";

// The wallet: its API, and the checkout saga's pay and refund commands.
runUntilSignalled(() =>
  startService({
    name: "payment-service",
    config: env,
    database: createDb,
    deps: paymentDeps,
    api: { router: paymentServiceRouter, createContext: createContextFactory },
    parts: [
      sagaMessaging({
        broker: { url: env.RABBITMQ_URL },
        inboxKeepMs: messagingConfig.inboxKeepMs,
        consumers: (deps: PaymentDeps, log) => [
          {
            queue: queueFor(PAYMENT_COMMANDS),
            handlers: paymentCommandHandlers(deps, log),
            prefetch: messagingConfig.prefetch,
          },
        ],
      }),
    ],
  }),
);
