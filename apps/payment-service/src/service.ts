import { PAYMENT_COMMANDS } from "@shop/contracts";
import { queueFor, sagaMessaging, type Broker } from "@shop/messaging";
import type { ServiceDescription } from "@shop/service-kit/service";
import { paymentCommandHandlers } from "./adapters/in/messaging/payment-commands";
import { paymentServiceRouter } from "./adapters/in/trpc/router";
import { createContextFactory } from "./adapters/in/trpc/trpc";
import { createDb, type Db } from "./adapters/out/prisma/client";
import type { PaymentDeps } from "./application/ports";
import { paymentDeps } from "./deps";
import type { PaymentConfig } from "./env";

/** The wallet: its API, and the checkout saga's pay and refund commands. */
export function paymentService(
  { env, messagingConfig }: PaymentConfig,
  broker: Broker = { url: env.RABBITMQ_URL },
): ServiceDescription<Db, PaymentDeps> {
  return {
    name: "payment-service",
    config: env,
    database: createDb,
    deps: paymentDeps,
    api: { router: paymentServiceRouter, createContext: createContextFactory },
    parts: [
      sagaMessaging({
        broker,
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
  };
}
